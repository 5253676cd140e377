"""Admin forms: a video upload is probed by FFmpeg (tv/videotools) before anything is
saved; air times are typed in Moscow time whatever the editor's own time zone."""

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.dispatch import Signal
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from bigasia.core.dates import MOSCOW

from . import videotools

# Sent with the saved `video` once a new upload has been probed and stored: tasks.py makes its
# poster then. A signal, because the tasks build on the models, and the models on these forms.
video_uploaded = Signal()


class VideoForm(WagtailAdminModelForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # the stored file, unchanged
        cap = settings.TV_MAX_UPLOAD_BYTES
        assert upload.size is not None  # an upload always has one
        if upload.size > cap:
            raise ValidationError(
                _("The file is %(size)s; videos may be at most %(cap)s."),
                code="too_big",
                params={"size": filesizeformat(upload.size), "cap": filesizeformat(cap)},
            )
        try:
            self.probed = _inspect_upload(upload)
        except videotools.UnreadableVideo as exc:
            raise ValidationError(str(exc.args[0]), code="unreadable") from exc
        return upload

    def save(self, commit=True):
        video = super().save(commit=False)
        probed = getattr(self, "probed", None)
        if probed is not None:
            video.duration, video.width, video.height = probed.duration, probed.width, probed.height
            video.poster = ""
            video.hls_state, video.hls_progress, video.hls_message = video.HlsState.PENDING, 0, ""
            video.hls_attempts, video.hls_lease_until = 0, None
        if commit:
            video.save()
            if probed is not None:
                video_uploaded.send(sender=type(video), video=video)
        return video


def _inspect_upload(upload: UploadedFile) -> videotools.VideoInfo:
    """Probe the upload where it lies on disk, or from a temporary copy of a small one."""
    if hasattr(upload, "temporary_file_path"):
        return videotools.tools().inspect(Path(upload.temporary_file_path()))
    with tempfile.NamedTemporaryFile(suffix=".upload") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        return videotools.tools().inspect(Path(copy.name))


class MoscowDateTimeField(forms.DateTimeField):
    """Reads and shows the wall-clock time in Moscow; the model stores it in UTC."""

    def prepare_value(self, value):
        if isinstance(value, str) or value is None or timezone.is_naive(value):
            return value
        return timezone.make_naive(value, MOSCOW)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = super().to_python(value)
        if parsed is None:  # not reached: empty values returned above
            return None
        naive = timezone.make_naive(parsed) if timezone.is_aware(parsed) else parsed
        return timezone.make_aware(naive, MOSCOW)


class AirTimeForm(WagtailAdminModelForm):
    starts_at = MoscowDateTimeField(label=_("starts at (Moscow time)"), widget=AdminDateTimeInput)
