"""Agency items to draft articles: new GUID → new draft in the feed's locale; same GUID again
→ the draft follows, unless an editor has touched it (then the new version waits for them)."""

import logging

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from bigasia.articles.models import ArticlePage
from bigasia.core.slugs import transliterate_slug
from bigasia.feeds.models import FeedItem, FeedSource

from .models import WireAgency, WireItem

logger = logging.getLogger(__name__)


def on_items_stored(sender, source: FeedSource, items: list[FeedItem], **kwargs) -> None:
    if source.kind != FeedSource.Kind.WIRE:
        return
    agency = WireAgency.objects.filter(feed=source).first()
    if agency is None:
        logger.warning("wire feed %s has no agency settings; items stay in the feed store", source)
        return
    for item in items:
        ingest_item(agency, item)


@transaction.atomic
def ingest_item(agency: WireAgency, item: FeedItem) -> WireItem:
    wire_item = WireItem.objects.filter(feed_item=item).first()
    if wire_item is None:
        wire_item = WireItem(feed_item=item, agency=agency)
    wire_item.index_text()
    if wire_item.page_id is None and not agency.admits(item):
        wire_item.status = WireItem.Status.FILTERED
        wire_item.save()
        return wire_item
    wire_item.status = WireItem.Status.INBOX
    if wire_item.page_id is None:
        _create_draft(wire_item, agency, item)
    elif wire_item.page is not None and (
        wire_item.page.latest_revision_id == wire_item.imported_revision_id
    ):
        _update_draft(wire_item, item)
    else:
        wire_item.has_newer_version = True  # an editor's work is never overwritten
    wire_item.save()
    return wire_item


def _paragraphs(item: FeedItem) -> list[tuple[str, RichText]]:
    text = item.body or item.summary or item.title
    blocks = [part.strip() for part in text.split("\n\n") if part.strip()]
    return [("paragraph", RichText(f"<p>{escape(block)}</p>")) for block in blocks]


def _fill(page: ArticlePage, item: FeedItem) -> None:
    page.title = item.title[:255]
    page.lead = item.summary or item.title
    page.body = _paragraphs(item)


def _create_draft(wire_item: WireItem, agency: WireAgency, item: FeedItem) -> None:
    locale = Locale.objects.get(language_code=agency.feed.language)
    section = agency.section.get_translation_or_none(locale)
    source = agency.source.get_translation_or_none(locale) or agency.source
    if section is None:
        # Misconfiguration, not bad input: the item waits in the inbox without a draft.
        logger.error("wire: section %s has no %s translation", agency.section, locale)
        return
    page = ArticlePage(live=False, source=source)
    _fill(page, item)
    page.slug = f"{transliterate_slug(item.title, 60)}-{item.key[:8]}"
    section.add_child(instance=page)
    revision = page.save_revision()
    wire_item.page = page
    wire_item.imported_revision_id = revision.pk


def _update_draft(wire_item: WireItem, item: FeedItem) -> None:
    assert wire_item.page is not None  # only items that have a draft are updated
    page = wire_item.page.specific
    _fill(page, item)
    page.save()
    wire_item.imported_revision_id = page.save_revision().pk
    wire_item.has_newer_version = False
