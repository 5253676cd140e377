"""Purge the edge cache when what readers see changes."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from bigasia.articles.snippets import Author, Country, Source

from . import store
from .tags import SITE, list_tag, page_tag


def purge_page(page: Page) -> None:
    """The page, its translations (their language switchers link to it), the listings of
    its language (home, sections, countries, tags) and everything untagged (feeds,
    sitemaps, search)."""
    translations = page.get_translations(inclusive=True).values_list("pk", flat=True)
    store.purge(
        *(page_tag(pk) for pk in translations),
        list_tag(page.locale.language_code),
    )


@receiver(page_published)
@receiver(page_unpublished)
def _on_publish_or_unpublish(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    purge_page(instance)


@receiver(post_delete, sender=Page)
def _on_delete(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    if instance.live:
        store.purge(page_tag(instance.pk), list_tag(instance.locale.language_code))


@receiver(post_page_move)
def _on_move(sender: type[Page], **kwargs: Any) -> None:
    store.purge(SITE)  # every URL under the moved page changed


@receiver(post_save, sender=Source)
@receiver(post_save, sender=Author)
@receiver(post_save, sender=Country)
def _on_snippet_change(sender: type[Source | Author | Country], **kwargs: Any) -> None:
    store.purge(SITE)  # names of sources, authors and countries show on many pages
