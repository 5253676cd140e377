"""Background work on an uploaded video: the poster frame, then the HLS ladder."""

import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django_tasks import task

from . import hls, probe
from .models import Video

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


def hls_dir(video: Video) -> Path:
    return Path(settings.MEDIA_ROOT) / "tv" / "hls" / str(video.pk)


@task()
def make_poster(video_id: int) -> None:
    """Grab the poster frame (a second in, or the middle of a shorter video), then queue HLS."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None or not video.file:
        return
    at = min(1.0, (video.duration or 0) / 2)
    with tempfile.TemporaryDirectory() as scratch:
        frame = Path(scratch) / f"poster-{video.pk}.jpg"
        probe.grab_frame(Path(video.file.path), frame, at)
        with frame.open("rb") as handle:
            video.poster.save(frame.name, File(handle), save=False)
    Video.objects.filter(pk=video.pk, file=video.file.name).update(poster=video.poster.name)
    make_hls.enqueue(video.pk)


@task()
def make_hls(video_id: int) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is None or not video.file:
        return
    if not probe.ffmpeg_available():
        Video.objects.filter(pk=video.pk).update(
            hls_state=Video.HlsState.SKIPPED, hls_message="ffmpeg is not installed"
        )
        return
    # Claim the job: two workers handed the same video (a retry, a re-upload) must not both
    # write into the same folder; only the one whose update matched goes on.
    claimed = Video.objects.filter(pk=video.pk, hls_state=Video.HlsState.PENDING).update(
        hls_state=Video.HlsState.RUNNING, hls_progress=0
    )
    if not claimed:
        return
    _build_ladder(video)


def _build_ladder(video: Video) -> None:
    file_name, last_write = video.file.name, [0.0]
    current = Video.objects.filter(pk=video.pk, file=file_name)

    def on_progress(percent: int) -> None:
        if time.monotonic() - last_write[0] >= PROGRESS_EVERY_SECONDS or percent == 100:
            last_write[0] = time.monotonic()
            current.filter(hls_state=Video.HlsState.RUNNING).update(hls_progress=percent)

    out_dir = hls_dir(video)
    shutil.rmtree(out_dir, ignore_errors=True)
    try:
        info = probe.inspect(Path(video.file.path))
        hls.build(Path(video.file.path), out_dir, info, on_progress)
    except (probe.UnreadableVideo, subprocess.CalledProcessError, OSError) as exc:
        logger.warning("HLS for video %s failed: %s", video.pk, exc)
        current.update(hls_state=Video.HlsState.FAILED, hls_message=str(exc)[:500])
        return
    # The file may have been replaced meanwhile; then this ladder is stale and not marked ready.
    current.filter(hls_state=Video.HlsState.RUNNING).update(
        hls_state=Video.HlsState.READY, hls_progress=100, hls_message=""
    )
