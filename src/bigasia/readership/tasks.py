"""Periodic jobs of readership: move shared Redis counts into the database; prune buckets."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic

from .models import HourlyViews
from .mostread import rank_all
from .stores import get_store


def _store_moves() -> bool:
    return hasattr(get_store(), "move_to_database")


@periodic.every(lambda: settings.READERSHIP_MOVE_EVERY, has_work=_store_moves)
@task(priority=20)
def move_views_to_database() -> int:
    """Scale-out: drain the Redis hash every app process flushes into. Embedded: nothing to
    do (the app processes write to the database themselves)."""
    store = get_store()
    move = getattr(store, "move_to_database", None)
    return move() if move else 0


@periodic.every(lambda: 3600)
@task(priority=0)
def prune_hourly_views() -> int:
    """Hourly buckets older than READERSHIP_HOURLY_KEEP_DAYS go; the daily buckets, written
    with them at every flush, are the roll-up that stays."""
    cutoff = timezone.now() - timedelta(days=settings.READERSHIP_HOURLY_KEEP_DAYS)
    deleted, _ = HourlyViews.objects.filter(hour__lt=cutoff).delete()
    return deleted


@periodic.every(lambda: settings.READERSHIP_MOST_READ_RANK_EVERY)
@task(priority=10)
def rank_most_read() -> int:
    """Sum the 24-hour and 7-day windows of every language once, for every request to read."""
    return rank_all()
