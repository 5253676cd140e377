"""Without ffmpeg on the PATH, PyAV's bundled libraries do the work: an upload is still
checked, gets its poster and its HLS ladder; with ffmpeg there, the system binary is used.
The demo stays idempotent."""

import pytest

from bigasia.tv import demo
from bigasia.tv.models import AirTime, EpisodePage, Video
from bigasia.tv.videotools import tools

from .helpers import need_ffmpeg, upload, uploaded_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_system_ffmpeg(monkeypatch, tmp_path, settings):
    settings.TV_VIDEO_TOOLS = "auto"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))


def test_it_picks_pyav_without_ffmpeg_and_the_binary_when_present(monkeypatch, settings):
    settings.TV_VIDEO_TOOLS = "auto"
    need_ffmpeg()
    assert tools().name == "ffmpeg"
    monkeypatch.setenv("PATH", "/nonexistent")
    assert tools().name == "pyav"


def test_an_upload_gets_poster_and_hls_from_pyav(no_system_ffmpeg, admin_client, tmp_path):
    video, _ = uploaded_video(admin_client, tmp_path)
    assert video.duration == pytest.approx(3.0, abs=0.2)
    assert video.poster.read(3) == b"\xff\xd8\xff"
    assert video.hls_state == Video.HlsState.READY, video.hls_message
    assert admin_client.get(video.get_hls_url()).status_code == 200


def test_it_still_refuses_what_is_not_a_video(no_system_ffmpeg, admin_client):
    response = upload(admin_client, "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2000)
    assert response.status_code == 200
    assert "not a video" in response.content.decode()
    assert not Video.objects.filter(title="Bars").exists()


def test_it_loads_the_demo_only_once():
    counts = (EpisodePage.objects.count(), Video.objects.count(), AirTime.objects.count())
    demo.add_tv_demo()
    assert (EpisodePage.objects.count(), Video.objects.count(), AirTime.objects.count()) == counts
