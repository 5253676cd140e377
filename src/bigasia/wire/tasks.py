from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic
from bigasia.feeds.models import FeedItem

from .models import WireItem


@periodic.every(lambda: settings.WIRE_PURGE_EVERY)
@task()
def drop_filtered_wire_items() -> int:
    """Items no keyword rule let into the inbox are kept WIRE_KEEP_FILTERED_DAYS, then dropped."""
    cutoff = timezone.now() - timedelta(days=settings.WIRE_KEEP_FILTERED_DAYS)
    stale = WireItem.objects.filter(status=WireItem.Status.FILTERED, created_at__lt=cutoff)
    deleted, _ = FeedItem.objects.filter(wire__in=stale).delete()
    return deleted
