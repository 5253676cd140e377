"""Purge the edge cache when what readers see changes (`public_content_changed`, sent by the
apps that own what changed: see bigasia/core/changes.py)."""

from django.dispatch import receiver
from wagtail.models import Page

from bigasia.core.changes import PublicChange, public_content_changed

from . import store
from .tags import SITE, list_tag, page_tag


def purge_for(change: PublicChange) -> None:
    """The changed pages and their translations (their language switchers link to them),
    the listings of their languages and everything untagged (feeds, sitemaps, search); all
    of it when the change reaches below a page or shows everywhere. What was withdrawn is
    never served stale while it is rebuilt."""
    if change.everywhere or change.subtrees:
        store.purge(SITE, withdrawn=change.withdrawn)
        return
    keys = Page.objects.filter(pk__in=change.pages).values("translation_key")
    translations = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    store.purge(
        *(page_tag(pk) for pk in {*change.pages, *translations}),
        *(list_tag(language) for language in change.languages),
        withdrawn=change.withdrawn,
    )


@receiver(public_content_changed, dispatch_uid="edge-purge")
def _on_change(sender: object, change: PublicChange, **kwargs: object) -> None:
    purge_for(change)
