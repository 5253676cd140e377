from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("", views.newsletters_page, name="page"),
    path("requested/", views.requested, name="requested"),
    path("csrf/", views.csrf_token, name="csrf"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage-link-sent/", views.link_sent, name="link_sent"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
