"""Without ffmpeg on the PATH the HLS step is skipped and says so; uploads are refused with a
clear reason rather than stored unchecked; the demo stays idempotent."""

import pytest
from django.utils import translation

from bigasia.tv import demo
from bigasia.tv.models import AirTime, EpisodePage, Video
from bigasia.tv.tasks import make_hls

from .helpers import upload, uploaded_video

pytestmark = pytest.mark.django_db


def test_it_skips_hls_and_says_so_without_ffmpeg(admin_client, tmp_path, monkeypatch):
    video, _ = uploaded_video(admin_client, tmp_path)
    Video.objects.filter(pk=video.pk).update(hls_state=Video.HlsState.PENDING)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    make_hls.enqueue(video.pk)
    video.refresh_from_db()
    assert video.hls_state == Video.HlsState.SKIPPED
    assert video.get_hls_url() is None
    with translation.override("en"):
        assert "ffmpeg is not installed" in video.hls_status()


def test_it_refuses_uploads_it_cannot_check(admin_client, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    response = upload(admin_client, "clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2000)
    assert response.status_code == 200
    assert "ffmpeg is not installed" in response.content.decode()
    assert not Video.objects.filter(title="Bars").exists()


def test_it_loads_the_demo_only_once():
    counts = (EpisodePage.objects.count(), Video.objects.count(), AirTime.objects.count())
    demo.add_tv_demo()
    assert (EpisodePage.objects.count(), Video.objects.count(), AirTime.objects.count()) == counts
