"""An HLS job whose worker is SIGKILLed mid-transcode: its ffmpeg dies with the worker, and
the job is retried by another worker (or marked failed after the last attempt), never left
"in progress" forever."""

import signal
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from bigasia.tv.demo_video import write_video
from bigasia.tv.models import Video
from bigasia.tv.tasks import STOPPED_MESSAGE, recover_stalled_hls
from tests.scratch import create_scratch_site, wait_until

from .helpers import need_ffmpeg

STATE = (
    "from bigasia.tv.models import Video; v = Video.objects.get(pk={pk});"
    "print(v.hls_state, v.hls_progress, v.hls_attempts)"
)


@pytest.fixture
def site(tmp_path):
    site, cleanup = create_scratch_site(tmp_path, demo=False)
    site.env.update(TV_HLS_LEASE_SECONDS="2", TV_HLS_SWEEP_EVERY="1", TV_HLS_MAX_ATTEMPTS="2")
    yield site
    site.stop_all()
    cleanup()


def _transcoders(out_dir: Path) -> list[int]:
    """ffmpeg processes writing into this video's HLS folder."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(out_dir).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # the process ended while we looked
    return found


def test_a_transcode_killed_with_its_worker_is_retried_by_another(site):
    need_ffmpeg()
    source = site.data_dir / "media" / "tv" / "video" / "long.mp4"
    source.parent.mkdir(parents=True)
    write_video(source, 6, width=1280, height=720)  # two rungs: 360p and 720p
    pk = site.python(
        "from bigasia.tv.models import Video; from bigasia.tv.tasks import make_hls;"
        "v = Video.objects.create(title='Long', file='tv/video/long.mp4', duration=6);"
        "make_hls.enqueue(v.pk); print(v.pk)"
    )
    state = lambda: site.python(STATE.format(pk=pk)).split()  # noqa: E731
    out_dir = site.data_dir / "media" / "tv" / "hls" / pk
    first = site.spawn("worker", "--interval", "0.2")
    assert wait_until(lambda: _transcoders(out_dir), timeout=120, every=0.1)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert wait_until(lambda: not _transcoders(out_dir), timeout=10, every=0.1)
    assert state()[0] == "running"

    site.spawn("worker", "--interval", "0.2")
    assert wait_until(lambda: state()[0] == "ready", timeout=300, every=1), state()
    assert state() == ["ready", "100", "2"]
    assert (out_dir / "master.m3u8").is_file()


@pytest.mark.django_db
def test_a_stalled_job_on_its_last_attempt_is_marked_failed(settings):
    settings.TV_HLS_MAX_ATTEMPTS = 2
    expired = timezone.now() - timedelta(seconds=1)
    kwargs = {"file": "tv/video/x.mp4", "hls_state": Video.HlsState.RUNNING, "hls_attempts": 2}
    stalled = Video.objects.create(title="Stalled", hls_lease_until=expired, **kwargs)
    renewed = timezone.now() + timedelta(minutes=1)
    alive = Video.objects.create(title="Alive", hls_lease_until=renewed, **kwargs)
    recover_stalled_hls.call()
    stalled.refresh_from_db()
    alive.refresh_from_db()
    assert stalled.hls_state == Video.HlsState.FAILED and stalled.hls_message == STOPPED_MESSAGE
    assert alive.hls_state == Video.HlsState.RUNNING
