"""Real MP4 files encoded with PyAV for the TV tests (no ffmpeg binary needed), and an
admin upload of one."""

import atexit
import functools
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bigasia.tv.demo_video import write_video
from bigasia.tv.models import Video
from bigasia.tv.videotools import system_ffmpeg_found
from tests.conftest import IN_CI

UPLOAD_URL = "/admin/snippets/tv/video/add/"


def need_ffmpeg() -> None:
    """For tests of the system ffmpeg path: skip without it, with how to get it; under CI=true
    a missing tool fails the run, as a missing Chromium does (tests/conftest.py)."""
    if not system_ffmpeg_found():
        problem = "ffmpeg is not installed: apt-get install -y ffmpeg"
        if IN_CI:
            pytest.fail(f"CI=true and {problem}")
        pytest.skip(problem)


@functools.cache
def _generated_mp4(seconds: int) -> Path:
    """The encode, once per length and run (it is the same file every time)."""
    folder = Path(tempfile.mkdtemp(prefix="bigasia-test-video-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / f"bars-{seconds}s.mp4"
    write_video(path, seconds, width=320, height=240)
    return path


def make_mp4(folder: Path, seconds: int = 3) -> Path:
    """A title card with a running clock (320x240, 25 fps) and a beep every second, as
    `folder`/bars.mp4."""
    return Path(shutil.copyfile(_generated_mp4(seconds), folder / "bars.mp4"))


def upload(client, name: str, content: bytes, title: str = "Bars"):
    """POST the snippet's add form as an editor's browser would."""
    return client.post(
        UPLOAD_URL,
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="video/mp4")},
    )


def uploaded_video(client, folder: Path) -> tuple[Video, bytes]:
    content = make_mp4(folder).read_bytes()
    response = upload(client, "bars.mp4", content)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Video.objects.get(title="Bars"), content


@contextmanager
def scratch_video(site, name: str, size: int, shown: bool = True):
    """A sparse file of `size` bytes under a scratch site's media as a Video; when `shown`,
    the video of the demo's live issue 829 (restored afterwards). Yields its file's path
    and its URL."""
    path = site.data_dir / "media" / "tv" / "video" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    episodes = "EpisodePage.objects.filter(number=829)"
    lines = site.python(
        "from bigasia.tv.models import EpisodePage, Video;"
        f"print({episodes}.first().video_id);"
        f"video = Video.objects.create(title={name!r}, file='tv/video/{name}', duration=60);"
        f"{episodes}.update(video=video) if {shown} else None;"
        "print(video.get_file_url())"
    ).splitlines()
    try:
        yield path, lines[-1]
    finally:
        site.python(
            "from bigasia.tv.models import EpisodePage, Video;"
            f"{episodes}.update(video={lines[0]}) if {shown} else None;"
            f"Video.objects.filter(title={name!r}).delete()"
        )
        path.unlink()
