"""Deferred admission: a beacon is answered at once and judged by Redis with its batch.

Waiting for Redis on every beacon halved the rate an app process could answer (bench: about
20,000 beacons/s with a round trip each, 45,000 without). So a beacon of a story the process
knows is queued in the view buffer as a `Candidate`, and the buffer's flush sends the queue
to Redis in a few script calls pipelined in one round trip. The script applies, for each
beacon in order and atomically, what the step-by-step gate applies: count the address's
request in its one-minute window, stop over the limit, else mark the reader seen for the
de-duplication window; the beacons it reports as first views are counted.

What changes for a client: an address over the rate limit is answered 429 from the flush
after it went over (within READERSHIP_FLUSH_EVERY), not at its first excess request. Its
excess beacons are never counted either way. Redis unreachable at a flush: the queued
beacons are judged through Django's cache instead (which then falls back to local memory).
"""

import hashlib
import logging
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError

from bigasia.core import redis as shared_redis

from .seen import host_seen
from .stores import BatchKey

logger = logging.getLogger(__name__)

_REDIS_ERRORS = (redis.RedisError, OSError)
RATE_WINDOW_SECONDS = 60
RATE_KEY_LIFETIME = RATE_WINDOW_SECONDS + 1  # a window's counter outlives the window
SCRIPT_BATCH = 500  # beacons per script call: a call blocks Redis, so keep each one short


@dataclass(frozen=True, slots=True)
class Candidate:
    """A beacon waiting for Redis: cache keys as Django's cache names them, before prefixing."""

    rate_key: str
    request_key: str | None  # the reader's hash; None: never counted (a bot, a junk id),
    # but it counts towards the limit
    view: BatchKey | None  # (page, locale, hour) to count if Redis says first view


# KEYS: rate key and seen key of each beacon in turn; ARGV: limit, de-duplication seconds,
# rate-key lifetime, then one flag per beacon ("1" if it may count). Answers per beacon:
# -1 over the limit, 1 first view, 0 neither. Values are what Django's cache would store.
_ADMIT_BATCH = """
local limit, dedup, window = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local answers = {}
for i = 1, #KEYS, 2 do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('EXPIRE', KEYS[i], window) end
  local answer = 0
  if n > limit then
    answer = -1
  elseif ARGV[3 + (i + 1) / 2] == '1' and redis.call('SET', KEYS[i + 1], 1, 'NX', 'EX', dedup) then
    answer = 1
  end
  answers[#answers + 1] = answer
end
return answers
"""
_ADMIT_BATCH_SHA = hashlib.sha1(_ADMIT_BATCH.encode()).hexdigest()


# After a failure, beacons go step by step for this long instead of queueing for Redis.
PAUSE_AFTER_FAILURE = 1.0
_paused_until = 0.0  # time.monotonic() before which beacons are not deferred
# Rate keys Redis reported over the limit, with the monotonic time their window ends.
_blocked: dict[str, float] = {}


def redis_backend() -> RedisCache | None:
    """The cache when deferral applies: Redis, and not paused after a failure."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache) or time.monotonic() < _paused_until:
        return None
    return backend


def is_blocked(rate_key: str) -> bool:
    until = _blocked.get(rate_key)
    return until is not None and until > time.monotonic()


def over_limit(rate_key: str) -> bool:
    """Count one request against the address's window in Django's cache: the step-by-step
    rule, which the script repeats for queued beacons."""
    if cache.add(rate_key, 1, RATE_KEY_LIFETIME):
        return False
    try:
        count = cache.incr(rate_key)
    except ValueError:  # expired between add and incr
        count = 1
    return count > settings.READERSHIP_RATE_PER_MINUTE


def seen_key(request_key: str) -> str:
    return f"readership:seen:{request_key}"


def first_view(request_key: str) -> bool:
    """Mark the reader seen; True if it was not (the step-by-step de-duplication)."""
    if not settings.REDIS_URL:
        # Embedded mode: the app server's processes share this host's file, not a cache.
        return host_seen().add(request_key, settings.READERSHIP_DEDUP_SECONDS)
    return cache.add(seen_key(request_key), 1, settings.READERSHIP_DEDUP_SECONDS)


def admit(candidates: list[Candidate]) -> list[BatchKey]:
    """The views among queued beacons that count, judged in Redis (or, with Redis down,
    through Django's cache)."""
    backend = redis_backend()
    answers = None
    if backend is not None:
        answers = _answers_from_redis(backend, candidates)
    if answers is None:
        # (a candidate judged to count has a request key, hence a view)
        return [c.view for c in candidates if _judged_locally(c) and c.view is not None]
    _forget_old_blocks()
    now = time.monotonic()
    counted = []
    for candidate, answer in zip(candidates, answers, strict=True):
        if answer == -1:
            _blocked[candidate.rate_key] = now + RATE_WINDOW_SECONDS
        elif answer == 1 and candidate.view is not None:  # 1 only for beacons flagged "1"
            counted.append(candidate.view)
    return counted


def _judged_locally(candidate: Candidate) -> bool:
    if over_limit(candidate.rate_key) or candidate.request_key is None:
        return False
    return first_view(candidate.request_key)


def _forget_old_blocks() -> None:
    now = time.monotonic()
    for key in [key for key, until in _blocked.items() if until <= now]:
        del _blocked[key]


def _answers_from_redis(backend: RedisCache, candidates: list[Candidate]) -> list[int] | None:
    global _paused_until
    connection = _connection()
    calls = [
        _script_args(backend, candidates[start : start + SCRIPT_BATCH])
        for start in range(0, len(candidates), SCRIPT_BATCH)
    ]
    try:
        return _run_pipelined(connection, calls)
    except _REDIS_ERRORS as exc:
        # A half-read answer must not be read by the next flush: start afresh.
        connection.disconnect()  # type: ignore[no-untyped-call]  # unannotated in redis-py
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
        logger.warning("readership: shared cache unavailable (%s); judging locally", exc)
        return None


def _script_args(backend: RedisCache, batch: list[Candidate]) -> tuple[list[str], list[int | str]]:
    keys, flags = [], []
    for candidate in batch:
        rate_key = backend.make_key(candidate.rate_key)
        if candidate.request_key is None:
            keys += [rate_key, rate_key]  # the second key is never touched: flag "0"
            flags.append("0")
        else:
            keys += [rate_key, backend.make_key(seen_key(candidate.request_key))]
            flags.append("1")
    limits = [settings.READERSHIP_RATE_PER_MINUTE, settings.READERSHIP_DEDUP_SECONDS]
    return keys, [*limits, RATE_KEY_LIFETIME, *flags]


def _run_pipelined(
    connection: redis.Connection, calls: list[tuple[list[str], list[int | str]]]
) -> list[int]:
    """Every call sent before any answer is read: one round trip for the whole flush."""
    # redis-py leaves the packed-command calls unannotated.
    connection.send_packed_command(  # type: ignore[no-untyped-call]
        connection.pack_commands(  # type: ignore[no-untyped-call]
            [("EVALSHA", _ADMIT_BATCH_SHA, len(keys), *keys, *args) for keys, args in calls]
        ),
        check_health=False,
    )
    results: list[list[int] | None] = []
    for _call in calls:
        try:
            results.append(connection.read_response())
        except NoScriptError:  # a restarted or flushed Redis: EVAL sends the script again
            results.append(None)
    for index, (keys, args) in enumerate(calls):
        if results[index] is None:
            connection.send_packed_command(  # type: ignore[no-untyped-call]
                connection.pack_command(  # type: ignore[no-untyped-call]
                    "EVAL", _ADMIT_BATCH, len(keys), *keys, *args
                )
            )
            results[index] = connection.read_response()
    # (every None was replaced by the EVAL's answer above)
    return [answer for call_answers in results for answer in call_answers or []]


def _connection() -> redis.Connection:
    """This thread's own connection to the cache's server, outside the pools: redis-py's
    generic command path (pool checkout with a readiness poll, retry wrapper, response
    callbacks) cost three times the packing and reading of our own connection."""
    return shared_redis.thread_connection(settings.CACHES["default"]["LOCATION"])
