"""Air times of a programme: stored in UTC, entered and shown in Moscow time."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..forms import AirTimeForm


class AirTime(models.Model):
    programme = models.ForeignKey(
        "tv.ProgrammePage",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="air_times",
    )
    starts_at = models.DateTimeField(_("starts at (Moscow time)"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("length, minutes"), default=30)
    # One note per language, so the English schedule and .ics never carry the Russian one.
    note = models.CharField(_("note in Russian"), max_length=200, blank=True)
    note_en = models.CharField(_("note in English"), max_length=200, blank=True)

    base_form_class = AirTimeForm
    panels = [
        FieldPanel("programme"),
        FieldPanel("starts_at"),
        FieldPanel("duration_minutes"),
        FieldPanel("note"),
        FieldPanel("note_en"),
    ]

    class Meta:
        verbose_name = _("air time")
        verbose_name_plural = _("air times")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        from bigasia.core.dates import format_datetime

        return f"{self.programme.title} — {format_datetime(self.starts_at)}"

    def note_in(self, language_code: str) -> str:
        """The note for readers of that language; blank where it has none in their language."""
        return self.note_en if language_code == "en" else self.note

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)
