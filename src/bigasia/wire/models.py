"""Agencies' settings (feed → Source snippet, section, keyword rules) and their items."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.articles.snippets import Source
from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.search.morphology import words


def item_text(item: FeedItem) -> str:
    """What keyword rules and the search read of an item."""
    return " ".join([item.title, item.summary, item.body])


def search_words(text: str) -> str:
    """A text folded for the filtered items' search: lower case, ё as е, words only."""
    return " ".join(words(text))


class WireAgency(models.Model):
    feed = models.OneToOneField(
        FeedSource,
        verbose_name=_("feed"),
        on_delete=models.CASCADE,
        related_name="wire_agency",
        limit_choices_to={"kind": FeedSource.Kind.WIRE},
    )
    source = models.ForeignKey(
        Source, verbose_name=_("agency (source)"), on_delete=models.PROTECT, related_name="+"
    )
    section = models.ForeignKey(
        SectionPage,
        verbose_name=_("section for drafts"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "One per line; an item enters the inbox when its text mentions any of them. "
            "Empty: every item enters."
        ),
    )

    panels = [
        FieldPanel("feed"),
        FieldPanel("source"),
        FieldPanel("section"),
        FieldPanel("keywords"),
    ]

    class Meta:
        verbose_name = _("wire agency")
        verbose_name_plural = _("wire agencies")

    def __str__(self) -> str:
        return str(self.feed)

    def keyword_list(self) -> list[str]:
        return [line.strip().casefold() for line in self.keywords.splitlines() if line.strip()]

    def admits(self, item: FeedItem) -> bool:
        keywords = self.keyword_list()
        if not keywords:
            return True
        text = item_text(item).casefold()
        return any(keyword in text for keyword in keywords)


class WireItem(models.Model):
    class Status(models.TextChoices):
        INBOX = "inbox", _("In the inbox")
        FILTERED = "filtered", _("Filtered out")

    feed_item = models.OneToOneField(FeedItem, on_delete=models.CASCADE, related_name="wire")
    agency = models.ForeignKey(WireAgency, on_delete=models.CASCADE, related_name="items")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    page = models.ForeignKey(
        ArticlePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The revision this app wrote last; a newer latest revision means an editor has edited.
    imported_revision_id = models.PositiveBigIntegerField(null=True)
    has_newer_version = models.BooleanField(_("A newer version arrived"), default=False)
    # Headline, summary and text as search_words() spells them, so one plain `contains`
    # matches whatever the case, ё or punctuation on both databases (SQLite's LIKE folds
    # the case of ASCII only).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("Received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    can_edit: bool  # not stored: the inbox view sets it for its template

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.feed_item.title

    def index_text(self) -> None:
        self.search_text = search_words(item_text(self.feed_item))
