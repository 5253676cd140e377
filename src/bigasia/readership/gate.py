"""What a beacon must pass to be counted: rate limit, not a bot, not a prefetch, not an
editor, a known article, and not already counted for this reader in the last 30 minutes.

Readers are recognised without cookies by a keyed hash of (IP, User-Agent, article). The key
is derived from SECRET_KEY and today's UTC date, rotates daily and is never stored; only the
hash lives in the cache, for the de-duplication window.
"""

import hashlib
import hmac
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from redis.exceptions import NoScriptError

from bigasia.articles.models import ArticlePage

from .bots import is_bot
from .seen import host_seen

logger = logging.getLogger(__name__)

# When Redis is down, the cache itself (bigasia.edge.redis_cache) falls back to this
# process's memory, so the step-by-step path's de-duplication and rate limit keep working,
# merely less strictly shared. Only the gate's own script connection needs its own handling.
_CACHE_ERRORS = (redis.RedisError, OSError)

MAX_ID_DIGITS = 12


class Verdict(Enum):
    COUNT = "count"
    IGNORE = "ignore"
    TOO_MANY = "too-many"


def client_ip(request: HttpRequest) -> str:
    return meta_client_ip(request.META)


def meta_client_ip(meta: dict) -> str:
    """The client's address from a WSGI environ (a request's META)."""
    header = settings.READERSHIP_CLIENT_IP_HEADER
    if header and meta.get(header):
        # The address our own proxy appended is the last one; earlier ones are the client's say.
        return meta[header].split(",")[-1].strip()
    return meta.get("REMOTE_ADDR", "")


@lru_cache(maxsize=2)
def _daily_salt(day: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"bigasia.readership.salt:{day}".encode(), hashlib.sha256
    ).digest()


def reader_key(ip: str, user_agent: str, page_id: int) -> str:
    salt = _daily_salt(datetime.now(UTC).date().isoformat())
    message = f"{ip}\n{user_agent}\n{page_id}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def _cache_incr(key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1


def _rate_key(ip: str) -> str:
    """A fixed one-minute window per address (hashed: raw addresses never reach the cache)."""
    window = int(time.time() // 60)
    return f"readership:rate:{reader_key(ip, '', 0)[:16]}:{window}"


def _seen_key(request_key: str) -> str:
    return f"readership:seen:{request_key}"


def over_rate_limit(ip: str) -> bool:
    key = _rate_key(ip)
    if cache.add(key, 1, 61):
        return False
    return _cache_incr(key) > settings.READERSHIP_RATE_PER_MINUTE


def first_view(request_key: str) -> bool:
    if not settings.REDIS_URL:
        # Embedded mode: the app server's processes share this host's file, not a cache.
        return host_seen().add(request_key, settings.READERSHIP_DEDUP_SECONDS)
    return cache.add(_seen_key(request_key), 1, settings.READERSHIP_DEDUP_SECONDS)


# The rate limit and the de-duplication in one Redis round trip, in the order `judge` applies
# them: count the address's request; over the limit, stop; else mark the reader seen, if the
# beacon got that far. Values are what Django's cache would store (plain integers).
_ADMIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], 61) end
if n > tonumber(ARGV[1]) then return -1 end
if #KEYS < 2 then return 0 end
if redis.call('SET', KEYS[2], 1, 'NX', 'EX', ARGV[2]) then return 1 end
return 0
"""
_ADMIT_SHA = hashlib.sha1(_ADMIT.encode()).hexdigest()


class _Connections(threading.local):
    """One Redis connection per thread for the gate's script, outside Django's pool.

    The beacon's one round trip is its main cost, and most of it was redis-py's generic
    command path (pool checkout with a readiness poll, retry wrapper, response callbacks):
    about 60 us of CPU against about 20 us for sending the packed command and reading the
    integer on a connection of our own (docs/readership.md, "Cost of a beacon")."""

    pool: object = None  # the cache's pool this connection was made from
    connection: redis.Connection | None = None


_connections = _Connections()
# A forked child must not write to its parent's socket: the forking thread, the only one the
# child has, forgets its connection (without closing the parent's socket).
os.register_at_fork(after_in_child=lambda: setattr(_connections, "connection", None))
# A beacon never waits long on a Redis that is down: it falls back to local memory, and for
# the next second this process's beacons go step by step without trying the script.
GATE_CONNECT_TIMEOUT = 0.5
GATE_SOCKET_TIMEOUT = 1.0
GATE_PAUSE_AFTER_FAILURE = 1.0
_paused_until = 0.0  # time.monotonic() before which the one-trip path is not tried


def _gate_connection(backend: RedisCache) -> redis.Connection:
    pool = backend._cache._get_connection_pool(write=True)
    local = _connections
    if local.connection is None or local.pool is not pool:
        kwargs = {
            **pool.connection_kwargs,
            "socket_connect_timeout": GATE_CONNECT_TIMEOUT,
            "socket_timeout": GATE_SOCKET_TIMEOUT,
        }
        local.connection = pool.connection_class(**kwargs)
        local.pool = pool
    return local.connection


def _run_admit(connection: redis.Connection, keys: list[str], args: list[int]) -> int:
    try:
        connection.send_packed_command(
            connection.pack_command("EVALSHA", _ADMIT_SHA, len(keys), *keys, *args),
            check_health=False,
        )
        return connection.read_response()
    except NoScriptError:  # a restarted or flushed Redis: EVAL sends the script and caches it
        connection.send_packed_command(
            connection.pack_command("EVAL", _ADMIT, len(keys), *keys, *args)
        )
        return connection.read_response()


def _admit_in_one_trip(ip: str, request_key: str | None) -> tuple[bool, bool] | None:
    """(over the rate limit, first view) from Redis in one round trip; None when the cache
    is not Redis or Redis is unreachable (the caller then takes the step-by-step path)."""
    global _paused_until
    backend = caches["default"]
    if not isinstance(backend, RedisCache) or time.monotonic() < _paused_until:
        return None
    keys = [backend.make_key(_rate_key(ip))]
    if request_key is not None:
        keys.append(backend.make_key(_seen_key(request_key)))
    args = [settings.READERSHIP_RATE_PER_MINUTE, settings.READERSHIP_DEDUP_SECONDS]
    connection = _gate_connection(backend)
    try:
        answer = _run_admit(connection, keys, args)
    except _CACHE_ERRORS as exc:
        # A half-read answer must not be read by the next beacon: start afresh.
        connection.disconnect()
        _paused_until = time.monotonic() + GATE_PAUSE_AFTER_FAILURE
        logger.warning("readership: shared cache unavailable (%s); using local memory", exc)
        return None
    return answer == -1, answer == 1


def is_prefetch(meta: dict) -> bool:
    purpose = " ".join(
        meta.get(name, "") for name in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ")
    ).lower()
    return "prefetch" in purpose or "prerender" in purpose


def is_editor(request: HttpRequest) -> bool:
    # Only a request with a session cookie can be logged in; readers have none, so the
    # session and user are loaded for editors alone.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


_known: dict[int, tuple[int | None, float]] = {}
KNOWN_TTL = 300.0
KNOWN_MAX = 100_000


def article_locale(page_id: int) -> int | None:
    """The locale id of a live article with this id, None if there is none (cached 5 min)."""
    now = time.monotonic()
    hit = _known.get(page_id)
    if hit is not None and hit[1] > now:
        return hit[0]
    locale_id = (
        ArticlePage.objects.live().filter(pk=page_id).values_list("locale_id", flat=True).first()
    )
    if len(_known) >= KNOWN_MAX:
        _known.clear()  # a flood of garbage ids must not grow memory without bound
    _known[page_id] = (locale_id, now + KNOWN_TTL)
    return locale_id


def parse_id(raw: str) -> int | None:
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_ID_DIGITS:
        return None
    return int(raw)


def known_article_locale(page_id: int) -> int | None:
    """The locale of an article this process checked recently, None if not known here."""
    hit = _known.get(page_id)
    return hit[0] if hit is not None and hit[1] > time.monotonic() else None


@dataclass(slots=True)
class Beacon:
    """What the gate reads of one beacon request."""

    ip: str
    page_id: int | None
    user_agent: str
    plausible: bool  # a valid id, not a prefetch, not a bot
    may_be_editor: bool  # carries a session cookie

    @classmethod
    def read(cls, meta: dict, raw_id: str) -> "Beacon":
        page_id = parse_id(raw_id)
        user_agent = meta.get("HTTP_USER_AGENT", "")[:512]
        cookies = meta.get("HTTP_COOKIE")
        return cls(
            ip=meta_client_ip(meta),
            page_id=page_id,
            user_agent=user_agent,
            plausible=not (page_id is None or is_prefetch(meta) or is_bot(user_agent)),
            # Loading the session is a query, which a flood over the rate limit must not
            # reach: beacons with a session cookie take the step-by-step path.
            may_be_editor=bool(cookies) and settings.SESSION_COOKIE_NAME in parse_cookie(cookies),
        )


def judge_in_one_trip(meta: dict, raw_id: str) -> tuple[Verdict, int, int] | None:
    """The verdict on a beacon when it takes no database and no session, else None.

    That is every beacon of a story this process already knows (checked in the last
    5 minutes) from a reader without a session cookie, and every implausible one (junk id,
    bot, prefetch): the rate limit and the de-duplication share one Redis round trip. None
    for an article new to this process, a session cookie, a cache that is not Redis, or
    Redis down; `judge` then decides step by step."""
    if meta.get("REQUEST_METHOD") not in ("POST", "GET"):
        return Verdict.IGNORE, 0, 0
    return _in_one_trip(Beacon.read(meta, raw_id))


def _in_one_trip(beacon: Beacon) -> tuple[Verdict, int, int] | None:
    if beacon.may_be_editor:
        return None
    locale_id = known_article_locale(beacon.page_id) if beacon.plausible else None
    if beacon.plausible and locale_id is None:
        return None
    request_key = (
        reader_key(beacon.ip, beacon.user_agent, beacon.page_id) if beacon.plausible else None
    )
    admitted = _admit_in_one_trip(beacon.ip, request_key)
    if admitted is None:
        return None
    over_limit, first = admitted
    if over_limit:
        return Verdict.TOO_MANY, 0, 0
    return (Verdict.COUNT, beacon.page_id, locale_id) if first else (Verdict.IGNORE, 0, 0)


def judge(request: HttpRequest, raw_id: str) -> tuple[Verdict, int, int]:
    """The verdict on one beacon, with the page and locale ids when it counts.

    Order: rate limit, then the checks, then the known-article check and the
    de-duplication; in one Redis round trip when `judge_in_one_trip` can decide."""
    if request.method not in ("POST", "GET"):
        return Verdict.IGNORE, 0, 0
    beacon = Beacon.read(request.META, raw_id)
    decided = _in_one_trip(beacon)
    if decided is not None:
        return decided
    # Step by step: the article is new to this process (a database check that a flood over
    # the rate limit must not reach), a session cookie, a cache that is not Redis, Redis down.
    if over_rate_limit(beacon.ip):
        return Verdict.TOO_MANY, 0, 0
    if not beacon.plausible or is_editor(request):
        return Verdict.IGNORE, 0, 0
    locale_id = article_locale(beacon.page_id)
    if locale_id is None or not first_view(
        reader_key(beacon.ip, beacon.user_agent, beacon.page_id)
    ):
        return Verdict.IGNORE, 0, 0
    return Verdict.COUNT, beacon.page_id, locale_id
