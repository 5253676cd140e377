"""The desk's own records: the glossary, and the review state of each translation."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from bigasia.core.admin_lists import BigAsiaSnippetViewSet


class GlossaryTerm(index.Indexed, models.Model):
    """A name that must come out the same in every story: `Мишустин` → `Mishustin`."""

    ru = models.CharField(_("Russian"), max_length=200, unique=True)
    en = models.CharField(_("English"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldPanel("ru"), FieldPanel("en"), FieldPanel("note")]
    search_fields = [index.SearchField("ru"), index.SearchField("en")]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["ru"]

    def __str__(self) -> str:
        return f"{self.ru} → {self.en}"

    def term(self, language: str) -> str:
        return self.ru if language == "ru" else self.en


class TranslationStatus(models.Model):
    """Where one page translation stands: machine-made or reviewed, and whether it is stale.

    `source_snapshot` keeps the source's segments ({context path: text}) as they were when the
    translation was last made or reviewed; comparing it with the live source finds the
    segments that changed since.
    """

    MACHINE = "machine"
    MANUAL = "manual"
    REVIEWED = "reviewed"
    STATES = [
        (MACHINE, _("machine translated, not reviewed")),
        (MANUAL, _("awaiting translation by hand")),
        (REVIEWED, _("reviewed")),
    ]

    translation = models.OneToOneField(
        "wagtail_localize.Translation", on_delete=models.CASCADE, related_name="desk_status"
    )
    source_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # The translated page, looked up by the reader notice in one query without joins.
    target_page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="desk_status"
    )
    source_language = models.CharField(max_length=10)
    state = models.CharField(_("state"), max_length=16, choices=STATES, default=MACHINE)
    source_changed = models.BooleanField(_("source changed since translation"), default=False)
    changed_paths = models.JSONField(default=list, blank=True)
    source_snapshot = models.JSONField(default=dict, blank=True)
    tool_name = models.CharField(max_length=100, blank=True)
    translated_at = models.DateTimeField(_("translated at"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        indexes = [models.Index(fields=["state", "source_changed"])]

    def __str__(self) -> str:
        return f"{self.target_page_id}: {self.get_state_display()}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        cache.delete(notice_cache_key(self.target_page_id))

    def delete(self, *args, **kwargs):
        cache.delete(notice_cache_key(self.target_page_id))
        return super().delete(*args, **kwargs)

    @property
    def needs_attention(self) -> bool:
        return self.source_changed or self.state != self.REVIEWED


def notice_cache_key(page_id: int) -> str:
    """Where the reader notice remembers a page's unreviewed-machine-translation state."""
    return f"translation:notice:{page_id}"


register_snippet(GlossaryTerm, viewset=BigAsiaSnippetViewSet)
