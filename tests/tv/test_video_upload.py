"""An editor uploads an MP4 in the admin: it is probed, gets a poster, a duration and an HLS
ladder of 4-second segments; anything that is not a whole, readable video is refused with
nothing saved."""

import re

import pytest

from bigasia.tv.models import Video

from .helpers import make_mp4, upload, uploaded_video

# Each test runs with both providers of tv/videotools: the system ffmpeg and PyAV.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_tools")]


def test_it_extracts_poster_and_duration_and_builds_hls(admin_client, tmp_path):
    video, _ = uploaded_video(admin_client, tmp_path)
    assert video.duration == pytest.approx(3.0, abs=0.2)
    assert (video.width, video.height) == (320, 240)
    assert video.poster and video.poster.read(3) == b"\xff\xd8\xff", "the poster is a JPEG"
    assert video.hls_state == Video.HlsState.READY and video.hls_progress == 100

    master = admin_client.get(video.get_hls_url())
    assert master.status_code == 200
    assert master["Content-Type"] == "application/vnd.apple.mpegurl"
    text = b"".join(master.streaming_content).decode()
    assert text.startswith("#EXTM3U") and "#EXT-X-STREAM-INF:" in text
    rendition = text.strip().splitlines()[-1]
    playlist = b"".join(admin_client.get(video.get_hls_url().replace("master.m3u8", rendition)))
    segments = [line for line in playlist.decode().splitlines() if line.endswith(".ts")]
    assert "#EXT-X-ENDLIST" in playlist.decode() and segments
    assert re.findall(r"#EXTINF:([\d.]+)", playlist.decode()) == ["3.000000"], "one segment"
    segment = admin_client.get(video.get_hls_url().replace("master.m3u8", segments[0]))
    assert segment.status_code == 200 and segment["Content-Type"] == "video/mp2t"


def test_it_shows_progress_in_the_admin_listing(admin_client, tmp_path):
    uploaded_video(admin_client, tmp_path)
    listing = admin_client.get("/admin/snippets/tv/video/").content.decode()
    assert "Bars" in listing and "0:03" in listing


def _refused(response, message: str) -> None:
    assert response.status_code == 200, "the form is shown again"
    assert message in response.content.decode()
    assert not Video.objects.filter(title="Bars").exists()


def test_it_refuses_a_file_that_is_not_video(admin_client, django_user_model):
    response = upload(admin_client, "clip.mp4", b"<html>not a video at all</html>" * 100)
    _refused(response, "not a video")


def test_it_tells_a_russian_editor_in_russian(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ru-admin", "ru@example.org"))
    response = upload(client, "clip.mp4", b"GIF89a" + b"\x00" * 4000)
    _refused(response, "Этот файл не удаётся прочитать как видео")


def test_it_refuses_a_truncated_file(admin_client, tmp_path):
    content = make_mp4(tmp_path).read_bytes()
    _refused(upload(admin_client, "cut.mp4", content[: len(content) * 2 // 3]), "incomplete")


def test_it_refuses_a_file_over_the_cap(admin_client, tmp_path, settings):
    settings.TV_MAX_UPLOAD_BYTES = 4096
    _refused(upload(admin_client, "big.mp4", make_mp4(tmp_path).read_bytes()), "at most")


def test_it_keeps_the_previous_file_when_a_replacement_is_bad(admin_client, tmp_path):
    video, content = uploaded_video(admin_client, tmp_path)
    before = (video.file.name, video.poster.name, video.duration)
    response = admin_client.post(
        f"/admin/snippets/tv/video/edit/{video.pk}/",
        {"title": "Bars, new cut", "file": _file("new.mp4", content[:5000])},
    )
    assert response.status_code == 200
    video.refresh_from_db()
    assert (video.title, video.file.name, video.poster.name, video.duration) == ("Bars", *before)
    assert video.file.read() == content


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="video/mp4")
