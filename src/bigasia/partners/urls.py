from django.urls import path

from .views import go

urlpatterns = [path("go/<int64:item_id>/", go, name="partners_go")]
