"""Counting the exchange: clicks in the database at once (a click is a request of its own),
impressions in the cache first (they happen during page renders, which must not write to the
database) and moved into PartnerDailyStat by a periodic job."""

from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bigasia.core.dates import to_moscow

from .models import PartnerDailyStat

PENDING_KEY = "partners:shown:pending"


def today() -> date:
    return to_moscow(timezone.now()).date()


def add_to_day(source_id: int, day: date, **increments: int) -> None:
    """Add to one partner's figures of one day (the Moscow date), creating its row."""
    updates = {field: F(field) + amount for field, amount in increments.items()}
    if PartnerDailyStat.objects.filter(source_id=source_id, day=day).update(**updates):
        return
    try:
        with transaction.atomic():
            PartnerDailyStat.objects.create(source_id=source_id, day=day, **increments)
    except IntegrityError:  # another request created today's row first
        PartnerDailyStat.objects.filter(source_id=source_id, day=day).update(**updates)


def record_click(source_id: int) -> None:
    add_to_day(source_id, today(), clicks=1)


def record_impressions(source_ids: list[int]) -> None:
    day = today().isoformat()
    keys = [f"partners:shown:{day}:{source_id}" for source_id in source_ids]
    for key in keys:  # once per item shown: a partner with two items in the block counts 2
        cache.add(key, 0, timeout=3 * 86400)
        cache.incr(key)
    # One read of the pending set per render, not one per partner shown: with many partners
    # the set holds a key per partner and reading it is most of this function's cost.
    pending = cache.get(PENDING_KEY) or set()
    if not pending.issuperset(keys):
        cache.set(PENDING_KEY, pending.union(keys), timeout=3 * 86400)


def flush_impressions() -> int:
    """Move cached impression counts into the database; returns how many were moved."""
    moved = 0
    pending = cache.get(PENDING_KEY) or set()
    for key in pending:
        count = cache.get(key) or 0
        if not count:
            continue
        # decr by what we read, not delete: renders that incr meanwhile are kept for next time.
        cache.decr(key, count)
        _, day, source_id = key.rsplit(":", 2)
        add_to_day(int(source_id), date.fromisoformat(day), impressions=count)
        moved += count
    # Forget keys of days gone by (their counters expire on their own), so the set stays small.
    current = {key for key in pending if key.split(":")[2] >= today().isoformat()}
    if current != pending:
        cache.set(PENDING_KEY, current, timeout=3 * 86400)
    return moved
