"""Keep the index in step with what readers may see: every change is queued as a background
task (publishing, unpublishing, a move, a view restriction set or lifted)."""

from django.db import transaction
from django.db.models.signals import post_delete

from bigasia.core.changes import PublicChange, public_content_changed


def _queue_updates(sender, change: PublicChange, **kwargs) -> None:
    from bigasia.articles.models import ArticlePage

    from .tasks import update_search_entries_below, update_search_entry

    # One transaction for a batch's tasks (an archive import announces hundreds of pages at
    # once): one commit and one wake-up of the workers. Inside a publish's own transaction,
    # no savepoint.
    with transaction.atomic(savepoint=False):
        pages = ArticlePage.objects.filter(pk__in=change.pages).values_list("pk", flat=True)
        for page_id in pages:
            update_search_entry.enqueue(page_id)
        for page_id in change.subtrees:  # a section made private, moved: every story below
            update_search_entries_below.enqueue(page_id)


def _remove_deleted(sender, instance, **kwargs) -> None:
    from .indexing import remove_entry

    remove_entry(instance.pk)


def connect() -> None:
    from bigasia.articles.models import ArticlePage

    public_content_changed.connect(_queue_updates, dispatch_uid="sitesearch-changed")
    # A deleted page can no longer be loaded by a task: drop its row at once.
    post_delete.connect(_remove_deleted, sender=ArticlePage, dispatch_uid="sitesearch-deleted")
