"""Where buffered views go: the database (embedded mode) or Redis (scale-out), one interface.

A batch maps (page id, locale id, UTC hour as epoch seconds) to a number of views. The store
is chosen in one place, `get_store()`: READERSHIP_STORE if set, else Redis when REDIS_URL is
set, else the database.
"""

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import redis
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, models, transaction

from bigasia.core import redis as shared_redis
from bigasia.core.providers import provider_class

from .models import ArticleViews, DailyViews, HourlyViews, MovedBatch

logger = logging.getLogger(__name__)

BatchKey = tuple[int, int, int]  # page id, locale id, UTC hour (epoch seconds)
Batch = Counter[BatchKey]


def current_hour() -> int:
    """The hour a view counts in (a BatchKey's third part): now, to the UTC hour."""
    return int(time.time() // 3600 * 3600)


# Rows per INSERT … ON CONFLICT statement: well under SQLite's bound-parameter limit.
ROWS_PER_STATEMENT = 1000


class CounterStore:
    """Base class of counter stores. `write` adds a batch; it raises one of
    `transient_errors` when the store is unreachable, and the caller keeps the batch."""

    transient_errors: tuple[type[BaseException], ...] = ()

    def write(self, batch: Batch) -> None:
        raise NotImplementedError


class DatabaseStore(CounterStore):
    """Adds a batch with one upsert statement per table (`views = views + excluded.views`)."""

    transient_errors = (DatabaseError,)

    def write(self, batch: Batch) -> None:
        if not batch:
            return
        totals: Counter[int] = Counter()
        hourly: Batch = Counter()
        daily: Counter[tuple[int, int, date]] = Counter()
        for (page_id, locale_id, hour), views in batch.items():
            totals[page_id] += views
            hourly[(page_id, locale_id, hour)] += views
            day = datetime.fromtimestamp(hour, UTC).date()
            daily[(page_id, locale_id, day)] += views
        with transaction.atomic():
            self._upsert_totals(totals)
            self._upsert_buckets(HourlyViews, "hour", hourly, self._adapt_hour)
            self._upsert_buckets(DailyViews, "day", daily, connection.ops.adapt_datefield_value)

    @staticmethod
    def _adapt_hour(epoch: int) -> Any:
        return connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(epoch, UTC))

    def _upsert_totals(self, totals: Counter[int]) -> None:
        table = ArticleViews._meta.db_table
        rows = [(page_id, views) for page_id, views in totals.items()]
        self._execute_upserts(
            f"INSERT INTO {table} (page_id, views, imported) VALUES {{values}} "
            f"ON CONFLICT (page_id) DO UPDATE SET views = {table}.views + excluded.views",
            "(%s, %s, 0)",
            rows,
        )

    def _upsert_buckets(
        self,
        model: type[models.Model],
        time_field: str,
        counts: Counter[tuple[int, int, Any]],
        adapt: Callable[[Any], Any],
    ) -> None:
        table = model._meta.db_table
        rows = [
            (page, locale, adapt(when), views) for (page, locale, when), views in counts.items()
        ]
        self._execute_upserts(
            f"INSERT INTO {table} (page_id, locale_id, {time_field}, views) VALUES {{values}} "
            f"ON CONFLICT (page_id, {time_field}) "
            f"DO UPDATE SET views = {table}.views + excluded.views",
            "(%s, %s, %s, %s)",
            rows,
        )

    @staticmethod
    def _execute_upserts(sql: str, row_placeholder: str, rows: list[tuple[Any, ...]]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start : start + ROWS_PER_STATEMENT]
                values = ", ".join([row_placeholder] * len(chunk))
                cursor.execute(sql.format(values=values), [v for row in chunk for v in row])


PENDING_KEY = "readership:pending"
MOVING_PREFIX = "readership:moving:"
MOVING_REGISTRY = "readership:moving"  # a set: the names of claimed, not yet moved batches


class RedisStore(CounterStore):
    """Adds a batch to one Redis hash (HINCRBY in a pipeline) shared by every app process on
    every host; `move_to_database` (a periodic job) drains it into the database."""

    transient_errors = (redis.RedisError,)

    def __init__(self, url: str | None = None) -> None:
        self.url: str = url or settings.REDIS_URL or ""
        # Installations sharing one Redis keep apart by the cache's key prefix.
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        self.pending_key = f"{prefix}:{PENDING_KEY}"
        self.moving_prefix = f"{prefix}:{MOVING_PREFIX}"
        self.moving_registry = f"{prefix}:{MOVING_REGISTRY}"

    @property
    def client(self) -> redis.Redis:
        # The beacon path's timeouts: a flush must never wait long on a Redis that is down.
        return shared_redis.beacon_client(self.url)

    def write(self, batch: Batch) -> None:
        if not batch:
            return
        pipe = self.client.pipeline(transaction=False)
        for (page_id, locale_id, hour), views in batch.items():
            pipe.hincrby(self.pending_key, f"{page_id}:{locale_id}:{hour}", views)
        pipe.execute()

    def move_to_database(self) -> int:
        """Move every pending count into the database; returns the number of views moved."""
        moved = 0
        for key in self._claim_batches():
            moved += self._move_batch(key)
        return moved

    def _claim_batches(self) -> list[str]:
        """Rename the pending hash (and batches a crashed mover left) to keys only we hold.

        RENAME is atomic: when two movers race for the same key, one gets "no such key", so
        a batch is never moved twice. Claimed keys are listed in a registry set, written
        before the rename, so a crashed mover's batch is found by name: looking for them
        with SCAN walked the whole keyspace (every reader's de-duplication key) each second,
        and with a million readers in the window the counts lagged by minutes."""
        claimed = []
        members = self.client.smembers(self.moving_registry)
        leftovers = [key.decode() for key in members]  # type: ignore[union-attr]  # bytes: no decode_responses
        for source in [self.pending_key, *leftovers]:
            target = self.moving_prefix + uuid.uuid4().hex
            self.client.sadd(self.moving_registry, target)
            try:
                self.client.rename(source, target)
            except redis.ResponseError:  # "no such key": nothing pending, or another mover won
                self.client.srem(self.moving_registry, target)
                continue
            finally:
                if source != self.pending_key:
                    self.client.srem(self.moving_registry, source)
            claimed.append(target)
        return claimed

    def _move_batch(self, key: str) -> int:
        raw = self.client.hgetall(key)
        batch: Batch = Counter()
        for field, value in raw.items():
            page_id, locale_id, hour = (int(part) for part in field.decode().split(":"))  # type: ignore[union-attr]  # bytes
            batch[(page_id, locale_id, hour)] += int(value)
        try:
            with transaction.atomic():
                # The receipt commits with the counts: if we die before DEL, the next mover
                # finds the receipt and only deletes the key.
                MovedBatch.objects.create(key=key)
                DatabaseStore().write(batch)
        except IntegrityError:
            logger.info("readership batch %s was already moved; dropping the key", key)
        self.client.delete(key)
        self.client.srem(self.moving_registry, key)
        return sum(batch.values())


def _default_store_path() -> str:
    if settings.REDIS_URL:
        return "bigasia.readership.stores.RedisStore"
    return "bigasia.readership.stores.DatabaseStore"


@cache
def get_store() -> CounterStore:
    """The one counter store of this process (READERSHIP_STORE, else by REDIS_URL)."""
    path = settings.READERSHIP_STORE or _default_store_path()
    return provider_class(path, CounterStore, "READERSHIP_STORE")()
