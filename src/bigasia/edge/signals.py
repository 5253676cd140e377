"""Purge the edge cache, and the CDN in front when one purges by tag, when what readers see
changes (`public_content_changed`, sent by the apps that own what changed: see
bigasia/core/changes.py)."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.models import Page

from bigasia.core.changes import PublicChange, public_content_changed

from . import cdn, store
from .tags import OTHER, SITE, list_tag, page_tag


def tags_for(change: PublicChange) -> list[str]:
    """The changed pages and their translations (their language switchers link to them),
    the listings of their languages and everything untagged (feeds, sitemaps, search); all
    of it when the change reaches below a page or shows everywhere."""
    if change.everywhere or change.subtrees:
        return [SITE]
    keys = Page.objects.filter(pk__in=change.pages).values("translation_key")
    translations = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    return [
        *(page_tag(pk) for pk in sorted({*change.pages, *translations})),
        *(list_tag(language) for language in sorted(change.languages)),
        OTHER,
    ]


def purge_for(change: PublicChange) -> None:
    """Purge here and at the CDN; what was withdrawn is never served stale while rebuilt.

    The edge is purged at once (the publishing process's own next read sees the change) and
    again when the change commits. The race the second purge closes: a reader's request that
    finds the page purged before the publish commits renders it from the rows as they were,
    and stores that copy under the new tag versions, where it would stay until the next
    purge. The CDN is purged at commit only (cdn.py)."""
    tags = tags_for(change)
    store.purge(*tags, withdrawn=change.withdrawn)
    if transaction.get_connection().in_atomic_block:
        again = partial(store.purge, *tags, withdrawn=change.withdrawn)
        transaction.on_commit(again, robust=True)
    cdn.schedule_purge(tags)


@receiver(public_content_changed, dispatch_uid="edge-purge")
def _on_change(sender: object, change: PublicChange, **kwargs: object) -> None:
    purge_for(change)
