"""Keep the index in step with publishing: every change is queued as a background task."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished


def _queue_update(sender, instance, **kwargs) -> None:
    from bigasia.articles.models import ArticlePage

    from .tasks import update_search_entry

    if issubclass(instance.specific_class or type(instance), ArticlePage):
        update_search_entry.enqueue(instance.pk)


def _remove_deleted(sender, instance, **kwargs) -> None:
    from .indexing import remove_entry

    remove_entry(instance.pk)


def connect() -> None:
    from bigasia.articles.models import ArticlePage

    page_published.connect(_queue_update, dispatch_uid="sitesearch-published")
    page_unpublished.connect(_queue_update, dispatch_uid="sitesearch-unpublished")
    # A deleted page can no longer be loaded by a task: drop its row at once.
    post_delete.connect(_remove_deleted, sender=ArticlePage, dispatch_uid="sitesearch-deleted")
