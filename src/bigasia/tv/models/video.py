"""An uploaded programme video with what ffmpeg found out about it and its HLS ladder."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..forms import VideoForm


# The episodes relation comes from EpisodePage (a Wagtail Page, untyped): the plugin cannot
# follow it.
class Video(models.Model):  # type: ignore[django-manager-missing]
    class HlsState(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        READY = "ready", _("ready")
        SKIPPED = "skipped", _("skipped: ffmpeg is not installed")
        FAILED = "failed", _("failed")

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("video file"), upload_to="tv/video/%Y/%m/", help_text=_("An MP4 file (H.264 and AAC).")
    )
    poster = models.FileField(
        _("poster frame"), upload_to="tv/posters/", blank=True, editable=False
    )
    duration = models.FloatField(_("duration, seconds"), null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hls_state = models.CharField(
        _("HLS renditions"),
        max_length=10,
        choices=HlsState.choices,
        default=HlsState.PENDING,
        editable=False,
    )
    hls_progress = models.PositiveSmallIntegerField(_("HLS progress, %"), default=0, editable=False)
    hls_message = models.CharField(max_length=500, blank=True, editable=False)
    # The running job's lease, renewed with each progress write: a worker that died mid-
    # transcode stops renewing it, and the periodic sweep retries or fails the job.
    hls_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    hls_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    base_form_class = VideoForm
    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_file_url(self) -> str:
        return reverse("tv:video_file", args=[self.pk])

    def get_hls_url(self) -> str | None:
        if self.hls_state != self.HlsState.READY:
            return None
        return reverse("tv:video_hls", args=[self.pk, "master.m3u8"])

    def hls_status(self) -> str:
        """What the admin listing shows: the state, with the percentage while it runs."""
        if self.hls_state == self.HlsState.RUNNING:
            return f"{self.get_hls_state_display()} — {self.hls_progress}%"
        return str(self.get_hls_state_display())

    hls_status.short_description = _("HLS renditions")  # type: ignore[attr-defined]

    def duration_label(self) -> str:
        return clock(self.duration) if self.duration else ""

    duration_label.short_description = _("duration")  # type: ignore[attr-defined]


def clock(seconds: float | int | None) -> str:
    """1:05 or 1:02:03 — a time in the video as players show it."""
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
