"""Which saves and deletes change what readers see: the one list, sent as one signal.

Everything that caches reader pages listens to `bigasia.core.changes.public_content_changed`
instead of keeping its own list of models (see that module for who listens).
"""

from dataclasses import replace

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from bigasia.core.changes import EVERYWHERE, PublicChange, announce

from .models import Tag
from .snippets import Author, Country, Source


def _page_changed(page: Page, subtree: bool = False, withdrawn: bool = False) -> PublicChange:
    return PublicChange(
        pages=frozenset({page.pk}),
        languages=frozenset({page.locale.language_code}),
        subtrees=frozenset({page.pk}) if subtree and page.numchild else frozenset(),
        withdrawn=withdrawn,
    )


def _on_publish(sender, instance, **kwargs) -> None:
    announce(sender, _page_changed(instance))


def _on_unpublish(sender, instance, **kwargs) -> None:
    announce(sender, _page_changed(instance, withdrawn=True))


def _on_move(sender, instance, **kwargs) -> None:
    announce(sender, _page_changed(instance, subtree=True))


def _on_page_delete(sender, instance, **kwargs) -> None:
    if instance.live:  # a draft's deletion changes nothing readers see
        announce(sender, _page_changed(instance, withdrawn=True))


def _on_restriction_change(sender, instance, signal, **kwargs) -> None:
    # Deleting a page deletes its restrictions first: then there is no page left to hide.
    page = Page.objects.filter(pk=instance.page_id).select_related("locale").first()
    if page is not None and page.live:
        # Everywhere: other pages' related stories and most read show the page's card too.
        # A restriction set or changed hides the page; one deleted shows it again.
        hidden = signal is post_save
        change = _page_changed(page, subtree=True, withdrawn=hidden)
        announce(sender, replace(change, everywhere=True))


def _on_shown_object_change(sender, created: bool = False, **kwargs) -> None:
    # A new snippet or image appears nowhere until a page that shows it is published.
    if not created or sender is Site:
        announce(sender, EVERYWHERE)


def connect() -> None:
    page_published.connect(_on_publish, dispatch_uid="changes-published")
    page_unpublished.connect(_on_unpublish, dispatch_uid="changes-unpublished")
    post_page_move.connect(_on_move, dispatch_uid="changes-moved")
    post_delete.connect(_on_page_delete, sender=Page, dispatch_uid="changes-page-deleted")
    for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(_on_restriction_change, sender=PageViewRestriction,
                       dispatch_uid=f"changes-restriction-{event}")  # fmt: skip
        for model in (Site, get_image_model(), Source, Author, Country, Tag):
            signal.connect(_on_shown_object_change, sender=model,
                           dispatch_uid=f"changes-{model._meta.label}-{event}")  # fmt: skip
