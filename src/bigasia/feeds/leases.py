"""Leases that keep polls apart: one poller per source, at most N per host.

Both are claimed with a conditional UPDATE, so the database decides between workers on
different hosts; a lease expires on its own if its worker dies mid-poll.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import FeedSource, HostSlot


def _lease_length() -> timedelta:
    # Longer than the longest poll can take (deadline plus parsing), so a live lease never
    # expires under its owner.
    return timedelta(seconds=settings.FEEDS_TOTAL_TIMEOUT * 2 + 30)


def _free() -> Q:
    return Q(lease_until__isnull=True) | Q(lease_until__lt=timezone.now())


def claim_source(source_id: int) -> str | None:
    token = secrets.token_hex(8)
    # Compare-and-set: when two workers pick up the same source, the filter on a free
    # lease lets only one UPDATE match, so the source is polled once, not twice at once.
    won = FeedSource.objects.filter(_free(), pk=source_id, enabled=True).update(
        lease_token=token, lease_until=timezone.now() + _lease_length()
    )
    return token if won else None


def release_source(source_id: int, token: str) -> None:
    FeedSource.objects.filter(pk=source_id, lease_token=token).update(
        lease_token="", lease_until=None
    )


def claim_host_slot(host: str) -> tuple[int, str] | None:
    token = secrets.token_hex(8)
    slot = _claim_free_slot(host, token)
    if slot is None and _ensure_slots(host):
        slot = _claim_free_slot(host, token)  # the host's first poll: its rows exist now
    return None if slot is None else (slot, token)


def _claim_free_slot(host: str, token: str) -> int | None:
    for slot in range(settings.FEEDS_PER_HOST_CONCURRENCY):
        # Compare-and-set on the slot row: two workers racing for the host's last free slot
        # cannot both win, so a host never sees more than N of our connections.
        won = HostSlot.objects.filter(_free(), host=host, slot=slot).update(
            lease_token=token, lease_until=timezone.now() + _lease_length()
        )
        if won:
            return slot
    return None


def release_host_slot(host: str, slot: int, token: str) -> None:
    HostSlot.objects.filter(host=host, slot=slot, lease_token=token).update(
        lease_token="", lease_until=None
    )


def _ensure_slots(host: str) -> bool:
    """Create the host's missing slot rows; True if there were any. Done only when no slot
    could be claimed, so a poll of a known host costs one UPDATE, not a look-up first."""
    wanted = set(range(settings.FEEDS_PER_HOST_CONCURRENCY))
    missing = wanted - set(HostSlot.objects.filter(host=host).values_list("slot", flat=True))
    for slot in sorted(missing):
        try:
            with transaction.atomic():
                HostSlot.objects.create(host=host, slot=slot)
        except IntegrityError:
            pass  # another worker created the row first; that is all we needed
    return bool(missing)
