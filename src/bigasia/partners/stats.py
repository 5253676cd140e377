"""Counting the exchange: clicks in the database at once (a click is a request of its own),
impressions in the cache first (they happen during page renders, which must not write to the
database) and moved into PartnerDailyStat by a periodic job.

A render adds its impressions to this process's own tally, which a timer hands over to the
cache within HANDOVER_SECONDS: adding to the cache's counters on every render took three Redis
round trips per item shown (18 of the seed article's 34 round trips to Redis in scale-out)."""

import atexit
import os
import threading
from collections import Counter
from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bigasia.core.dates import to_moscow

from .models import PartnerDailyStat

PENDING_KEY = "partners:shown:pending"
HANDOVER_SECONDS = 1.0


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


class _Tally:
    """Impressions counted by this process and not yet in the cache, by counter key. The
    first one counted sets a timer that hands the tally over HANDOVER_SECONDS later, off
    the request's path."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()

    def add(self, keys: list[str]) -> None:
        with self.lock:
            if not self.counts:
                timer = threading.Timer(HANDOVER_SECONDS, hand_over_impressions)
                timer.daemon = True
                timer.start()
            self.counts.update(keys)  # a partner with two items in the block counts 2

    def take(self) -> Counter[str]:
        with self.lock:
            counts, self.counts = self.counts, Counter()
        return counts

    def forget(self) -> None:
        self.take()


_tally = _Tally()
os.register_at_fork(after_in_child=_tally.forget)  # a forked child must not count them again


def record_impressions(source_ids: list[int]) -> None:
    day = today().isoformat()
    _tally.add([f"partners:shown:{day}:{source_id}" for source_id in source_ids])


def hand_over_impressions() -> None:
    """Add this process's tally to the cache's counters, where the periodic flush finds it."""
    counts = _tally.take()
    if not counts:
        return
    for key, count in counts.items():
        cache.add(key, 0, timeout=3 * 86400)
        cache.incr(key, count)
    # One read of the pending set per hand-over, not one per partner shown: with many
    # partners the set holds a key per partner and reading it is most of the cost.
    pending = cache.get(PENDING_KEY) or set()
    if not pending.issuperset(counts):
        cache.set(PENDING_KEY, pending.union(counts), timeout=3 * 86400)


atexit.register(hand_over_impressions)  # a server stopping gracefully keeps its last second


def flush_impressions() -> int:
    """Move cached impression counts into the database; returns how many were moved."""
    hand_over_impressions()  # this process's own (the development server, tests)
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
