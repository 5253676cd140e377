from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("v/<str:page_id>", views.beacon, name="beacon"),
    path("counts.json", views.counts, name="counts"),
]
