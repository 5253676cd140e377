from django.urls import path

from . import views

app_name = "tv"
urlpatterns = [
    path("video/<int:pk>/file.mp4", views.video_file, name="video_file"),
    path("video/<int:pk>/hls/<str:name>", views.video_hls, name="video_hls"),
    path("episode/<int:pk>/chapters.vtt", views.episode_chapters, name="episode_chapters"),
    path("captions/<int:pk>.vtt", views.episode_captions, name="episode_captions"),
    path("programme/<int:pk>/schedule.ics", views.programme_ics, name="programme_ics"),
]
