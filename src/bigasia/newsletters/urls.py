from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("", views.newsletters_page, name="page"),
    path("requested/", views.requested, name="requested"),
    path("csrf/", views.csrf_token, name="csrf"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
