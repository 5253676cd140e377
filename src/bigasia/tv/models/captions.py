"""Caption files of an episode (WCAG 1.2.2): one WebVTT file per language, checked on upload."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from ..captions import validate_webvtt


class EpisodeCaptions(Orderable):
    page = ParentalKey("tv.EpisodePage", related_name="captions", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(
        _("WebVTT file"),
        upload_to="tv/captions/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Captions of what is said and heard, as a .vtt file."),
    )

    panels = [FieldPanel("language"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("captions")
        verbose_name_plural = _("captions")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.language}"

    @property
    def label(self) -> str:
        """The language's own name ("Русский", "English"), as players list tracks."""
        return get_language_info(self.language)["name_local"]

    def get_url(self) -> str:
        return reverse("tv:episode_captions", args=[self.pk])
