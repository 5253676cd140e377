from django.urls import path

from .views import go

urlpatterns = [path("go/<int:item_id>/", go, name="partners_go")]
