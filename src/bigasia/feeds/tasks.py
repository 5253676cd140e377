"""Background jobs of the feed engine: a periodic sweep that enqueues one poll per due source."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from bigasia.core import metrics, periodic

from .models import FeedSource
from .polling import poll_source


def due_source_ids(limit: int | None = None) -> list[int]:
    now = timezone.now()
    due = (
        FeedSource.objects.filter(enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .order_by("next_poll_at")
        .values_list("pk", flat=True)
    )
    return list(due[:limit] if limit else due)


@task()
def poll_feed(source_id: int) -> str:
    """Poll one source; the lease inside makes a duplicate enqueue harmless."""
    status = poll_source(source_id).status
    metrics.FEED_POLLS.labels(outcome=status).inc()
    return status


@periodic.every(lambda: settings.FEEDS_SCHEDULE_EVERY)
@task()
def enqueue_due_feeds() -> int:
    """One poll task per due source, so a slow or hostile feed holds only its own task."""
    ids = due_source_ids(settings.FEEDS_ENQUEUE_BATCH)
    for source_id in ids:
        poll_feed.enqueue(source_id)
    return len(ids)
