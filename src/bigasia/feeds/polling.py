"""One poll of one source: lease, fetch, parse, store, record the status, schedule the next."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from . import leases
from .errors import FetchError
from .fetch import fetch
from .models import FeedItem, FeedSource, item_key
from .parsers import ParsedItem, parser_for

logger = logging.getLogger(__name__)

MAX_BACKOFF = 24 * 3600
HOST_BUSY_RETRY = 15

# Sent after a successful poll with the items that are new or changed; consumers (partners,
# wire) react to it. kwargs: source, items (list of FeedItem), created (set of their ids).
items_stored = Signal()


@dataclass
class PollOutcome:
    status: str
    new_items: int = 0
    detail: str = ""


def poll_source(source_id: int) -> PollOutcome:
    token = leases.claim_source(source_id)
    if token is None:
        return PollOutcome("busy")
    source = FeedSource.objects.get(pk=source_id)
    try:
        slot = leases.claim_host_slot(source.host)
        if slot is None:
            # Two polls already talk to this host: come back shortly instead of queueing
            # behind them (a slow host must not hold a worker).
            FeedSource.objects.filter(pk=source_id).update(
                next_poll_at=timezone.now() + timedelta(seconds=HOST_BUSY_RETRY)
            )
            return PollOutcome("host-busy")
        try:
            return _poll(source)
        finally:
            leases.release_host_slot(source.host, *slot)
    finally:
        leases.release_source(source_id, token)


def _poll(source: FeedSource) -> PollOutcome:
    try:
        result = fetch(source.url, source.etag, source.last_modified)
        if result.not_modified:
            _record_success(source, FeedSource.Status.NOT_MODIFIED, {})
            return PollOutcome(FeedSource.Status.NOT_MODIFIED)
        parsed = parser_for(source.feed_format).parse(result.body, result.content_type)
    except FetchError as error:
        _record_failure(source, error)
        logger.info("feed %s (%s) failed: %s", source.pk, source.url, error)
        return PollOutcome(FeedSource.Status.ERROR, detail=str(error))
    outcome = _store_and_announce(source, parsed)
    _record_success(
        source, FeedSource.Status.OK, {"etag": result.etag, "last_modified": result.last_modified}
    )
    return outcome


def load_body(source: FeedSource, body: bytes) -> PollOutcome:
    """Take a feed body the operator supplies (a file) as if a poll had fetched it: the
    source's parser, the same store and de-duplication, the same signal to consumers. The
    source's poll status and schedule are left alone: nothing was fetched. Raises FetchError
    when the parser refuses the body (nothing is stored then)."""
    token = leases.claim_source(source.pk)
    if token is None:
        return PollOutcome("busy")
    try:
        parsed = parser_for(source.feed_format).parse(body, "")
        return _store_and_announce(source, parsed)
    finally:
        leases.release_source(source.pk, token)


def _store_and_announce(source: FeedSource, parsed: list[ParsedItem]) -> PollOutcome:
    changed, created = store_items(source, parsed)
    if changed:
        items_stored.send(sender=FeedSource, source=source, items=changed, created=created)
    return PollOutcome(FeedSource.Status.OK, new_items=len(created))


def _content_hash(item: ParsedItem) -> str:
    payload = "\x1f".join([item.title, item.summary, item.body, item.link, item.image_url])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


STORED_FIELDS = ["link", "title", "summary", "body", "image_url", "published_at", "content_hash"]


def store_items(source: FeedSource, parsed: list[ParsedItem]) -> tuple[list[FeedItem], set[int]]:
    """Insert new items and update changed ones (same GUID); returns (changed, created ids).
    One INSERT for the new and one UPDATE for the changed, whatever their number."""
    by_key: dict[str, ParsedItem] = {}
    for item in parsed:
        by_key.setdefault(item_key(item.guid), item)  # duplicates inside one feed: first wins
    existing = {row.key: row for row in FeedItem.objects.filter(source=source, key__in=by_key)}
    now = timezone.now()
    changed, new, updated = [], [], []
    for key, item in by_key.items():
        digest = _content_hash(item)
        row = existing.get(key)
        if row is not None and row.content_hash == digest:
            continue
        if row is None:
            row = FeedItem(source=source, key=key, guid=item.guid)
            new.append(row)
        else:
            updated.append(row)
        for field in ("link", "title", "summary", "body", "image_url"):
            setattr(row, field, getattr(item, field))
        row.published_at = item.published_at or row.published_at or now
        row.content_hash = digest
        row.updated_at = now  # bulk_update skips auto_now
        changed.append(row)
    with transaction.atomic():
        FeedItem.objects.bulk_create(new)  # returns the new ids (PostgreSQL, SQLite ≥ 3.35)
        FeedItem.objects.bulk_update(updated, [*STORED_FIELDS, "updated_at"])
    return changed, {row.pk for row in new}


def _record_success(source: FeedSource, status: str, validators: dict) -> None:
    now = timezone.now()
    FeedSource.objects.filter(pk=source.pk).update(
        status=status,
        last_success_at=now,
        failure_count=0,
        next_poll_at=now + timedelta(seconds=source.poll_interval),
        **{key: value for key, value in validators.items() if value is not None},
    )


def backoff_seconds(poll_interval: int, failures: int, retry_after: int | None) -> int:
    """Exponential back-off from the poll interval, capped at a day; a server's Retry-After
    is honoured when it asks for longer (also capped at a day)."""
    delay = min(MAX_BACKOFF, poll_interval * 2 ** min(failures, 20))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_BACKOFF))
    return delay


def _record_failure(source: FeedSource, error: FetchError) -> None:
    now = timezone.now()
    failures = source.failure_count + 1
    delay = backoff_seconds(source.poll_interval, failures - 1, error.retry_after)
    FeedSource.objects.filter(pk=source.pk).update(
        status=FeedSource.Status.ERROR,
        last_error_at=now,
        last_error=str(error)[:500],
        failure_count=failures,
        next_poll_at=now + timedelta(seconds=delay),
    )
