"""Advance the publication stamp whenever something readers see may have changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .fragments import advance_stamp
from .snippets import Author, Country, Source


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _on_page_change(sender, **kwargs) -> None:
    advance_stamp()


@receiver(post_delete, sender=Page)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Source)
@receiver(post_save, sender=Author)
@receiver(post_save, sender=Country)
@receiver(post_save, sender=get_image_model())
def _on_shown_object_change(sender, **kwargs) -> None:
    advance_stamp()
