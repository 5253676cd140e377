"""Background work on an uploaded video: the poster frame, then the HLS ladder."""

import logging
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic

from . import hls, videotools
from .forms import video_uploaded
from .models import Video

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0
STOPPED_MESSAGE = "the worker stopped during the transcode"


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
        videotools.tools().grab_frame(Path(video.file.path), frame, at)
        with frame.open("rb") as handle:
            video.poster.save(frame.name, File(handle), save=False)
    Video.objects.filter(pk=video.pk, file=video.file.name).update(poster=video.poster.name)
    make_hls.enqueue(video.pk)


@task()
def make_hls(video_id: int) -> None:
    video = Video.objects.filter(pk=video_id).first()
    if video is None or not video.file:
        return
    # Claim the job: two workers handed the same video (a retry, a re-upload) must not both
    # write into the same folder; only the one whose update matched goes on.
    claimed = Video.objects.filter(pk=video.pk, hls_state=Video.HlsState.PENDING).update(
        hls_state=Video.HlsState.RUNNING,
        hls_progress=0,
        hls_lease_until=_lease_end(),
        hls_attempts=F("hls_attempts") + 1,
    )
    if not claimed:
        return
    video.refresh_from_db(fields=["hls_attempts"])
    _build_ladder(video)


def _lease_end():
    return timezone.now() + timedelta(seconds=settings.TV_HLS_LEASE_SECONDS)


def _build_ladder(video: Video) -> None:
    # Every write is conditional on this attempt still owning the job: after the sweep gave
    # a stalled attempt to another worker, the stalled one can no longer mark it ready.
    mine = Video.objects.filter(
        pk=video.pk, file=video.file.name, hls_attempts=video.hls_attempts
    ).filter(hls_state=Video.HlsState.RUNNING)
    last_write = [0.0]

    def on_progress(percent: int) -> None:
        if time.monotonic() - last_write[0] >= PROGRESS_EVERY_SECONDS or percent == 100:
            last_write[0] = time.monotonic()
            mine.update(hls_progress=percent, hls_lease_until=_lease_end())

    out_dir = hls_dir(video)
    shutil.rmtree(out_dir, ignore_errors=True)
    try:
        tools = videotools.tools()
        info = tools.inspect(Path(video.file.path))
        hls.build(tools, Path(video.file.path), out_dir, info, on_progress)
    except (videotools.UnreadableVideo, videotools.EncodeFailed, OSError) as exc:
        logger.warning("HLS for video %s failed: %s", video.pk, exc)
        mine.update(
            hls_state=Video.HlsState.FAILED, hls_message=str(exc)[:500], hls_lease_until=None
        )
        return
    # The file may have been replaced meanwhile; then this ladder is stale and not marked ready.
    mine.update(
        hls_state=Video.HlsState.READY, hls_progress=100, hls_message="", hls_lease_until=None
    )


@periodic.every(lambda: settings.TV_HLS_SWEEP_EVERY)
@task()
def recover_stalled_hls() -> None:
    """Jobs whose worker died (SIGKILL, a lost host) stop renewing their lease: retry them,
    or mark them failed after TV_HLS_MAX_ATTEMPTS, so none stays "in progress" forever."""
    stalled = Video.objects.filter(
        hls_state=Video.HlsState.RUNNING, hls_lease_until__lt=timezone.now()
    )
    for video_id, attempts in stalled.values_list("pk", "hls_attempts"):
        retry = attempts < settings.TV_HLS_MAX_ATTEMPTS
        outcome = (
            {"hls_state": Video.HlsState.PENDING, "hls_progress": 0}
            if retry
            else {"hls_state": Video.HlsState.FAILED, "hls_message": STOPPED_MESSAGE}
        )
        # Compare-and-set on the attempt: of two sweeps (or a sweep and a late renewal
        # followed by a finish) only one moves the job, so it is retried once.
        moved = stalled.filter(pk=video_id, hls_attempts=attempts).update(
            hls_lease_until=None, **outcome
        )
        if moved and retry:
            logger.warning("HLS for video %s stalled (attempt %s); retrying", video_id, attempts)
            make_hls.enqueue(video_id)


@receiver(video_uploaded)
def poster_for_the_upload(sender, video: Video, **kwargs) -> None:
    make_poster.enqueue(video.pk)
