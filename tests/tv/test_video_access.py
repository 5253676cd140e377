"""Video files are served only for live episodes, or to editors who may preview them."""

import pytest
from django.test import Client

from bigasia.tv.models import EpisodePage

from .helpers import uploaded_video

pytestmark = pytest.mark.django_db


def _urls(video) -> list[str]:
    return [video.get_file_url(), video.get_file_url().replace("file.mp4", "hls/master.m3u8")]


def _client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _statuses(client: Client, video) -> list[int]:
    return [client.get(url).status_code for url in _urls(video)]


def test_a_video_no_live_episode_shows_is_a_404_for_readers(admin_client, tmp_path):
    video, _ = uploaded_video(admin_client, tmp_path)
    assert _statuses(Client(), video) == [404, 404]
    for url in _urls(video):
        response = admin_client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "private"


def test_the_video_of_an_unpublished_episode_is_a_404_for_readers(client):
    episodes = EpisodePage.objects.filter(number=829)
    video = episodes.first().video
    assert _statuses(client, video) == [200, 200]
    assert "private" not in client.get(video.get_file_url()).get("Cache-Control", "")
    for episode in episodes:
        episode.unpublish()
    assert _statuses(client, video) == [404, 404]


def test_an_editor_of_a_draft_showing_the_video_may_preview_it(
    admin_client, tmp_path, editor, django_user_model
):
    video, _ = uploaded_video(admin_client, tmp_path)
    episode = EpisodePage.objects.get(locale__language_code="ru", number=829)
    episode.video = video
    # A draft (the live episode still shows the old video); the 3-second video is shorter
    # than the stories, which only matters to the editor's validation.
    episode.save_revision(user=editor, clean=False)
    assert _statuses(_client_of(editor), video) == [200, 200]
    outsider = django_user_model.objects.create_user("reader", "reader@example.org", "pw-12345")
    assert _statuses(_client_of(outsider), video) == [404, 404]
    assert _statuses(Client(), video) == [404, 404]
