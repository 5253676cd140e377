from django.urls import path

from . import views

app_name = "tv"
urlpatterns = [
    path("video/<int64:pk>/file.mp4", views.video_file, name="video_file"),
    path("video/<int64:pk>/hls/<str:name>", views.video_hls, name="video_hls"),
    path("episode/<int64:pk>/chapters.vtt", views.episode_chapters, name="episode_chapters"),
    path("captions/<int64:pk>.vtt", views.episode_captions, name="episode_captions"),
    path("programme/<int64:pk>/schedule.ics", views.programme_ics, name="programme_ics"),
]
