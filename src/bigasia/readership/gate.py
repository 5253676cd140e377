"""What a beacon must pass to be counted: rate limit, not a bot, not a prefetch, not an
editor, a known article, and not already counted for this reader in the last 30 minutes.

Readers are recognised without cookies by a keyed hash of (IP, User-Agent, article). The key
is derived from SECRET_KEY and today's UTC date, rotates daily and is never stored; only the
hash lives in the cache, for the de-duplication window.
"""

import hashlib
import hmac
import logging
import time
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from redis.commands.core import Script

from bigasia.articles.models import ArticlePage

from .bots import is_bot
from .seen import host_seen

logger = logging.getLogger(__name__)

# When the shared cache (Redis) is down, de-duplication and rate limits fall back to this
# process's memory: pages and beacons keep working, merely less strictly shared.
_local_cache = LocMemCache("readership-fallback", {"OPTIONS": {"MAX_ENTRIES": 200_000}})
_CACHE_ERRORS = (redis.RedisError, OSError)

MAX_ID_DIGITS = 12


class Verdict(Enum):
    COUNT = "count"
    IGNORE = "ignore"
    TOO_MANY = "too-many"


def client_ip(request: HttpRequest) -> str:
    header = settings.READERSHIP_CLIENT_IP_HEADER
    if header and request.META.get(header):
        # The address our own proxy appended is the last one; earlier ones are the client's say.
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


@lru_cache(maxsize=2)
def _daily_salt(day: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"bigasia.readership.salt:{day}".encode(), hashlib.sha256
    ).digest()


def reader_key(ip: str, user_agent: str, page_id: int) -> str:
    salt = _daily_salt(datetime.now(UTC).date().isoformat())
    message = f"{ip}\n{user_agent}\n{page_id}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def _cache_add(key: str, value, timeout: int) -> bool:
    try:
        return cache.add(key, value, timeout)
    except _CACHE_ERRORS as exc:
        logger.warning("readership: shared cache unavailable (%s); using local memory", exc)
        return _local_cache.add(key, value, timeout)


def _cache_incr(key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1
    except _CACHE_ERRORS:
        try:
            return _local_cache.incr(key)
        except ValueError:
            return 1


def _rate_key(ip: str) -> str:
    """A fixed one-minute window per address (hashed: raw addresses never reach the cache)."""
    window = int(time.time() // 60)
    return f"readership:rate:{reader_key(ip, '', 0)[:16]}:{window}"


def _seen_key(request_key: str) -> str:
    return f"readership:seen:{request_key}"


def over_rate_limit(ip: str) -> bool:
    key = _rate_key(ip)
    if _cache_add(key, 1, 61):
        return False
    return _cache_incr(key) > settings.READERSHIP_RATE_PER_MINUTE


def first_view(request_key: str) -> bool:
    if not settings.REDIS_URL:
        # Embedded mode: the app server's processes share this host's file, not a cache.
        return host_seen().add(request_key, settings.READERSHIP_DEDUP_SECONDS)
    return _cache_add(_seen_key(request_key), 1, settings.READERSHIP_DEDUP_SECONDS)


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
_admit_script: Script | None = None


def _admit_in_one_trip(ip: str, request_key: str | None) -> tuple[bool, bool] | None:
    """(over the rate limit, first view) from Redis in one round trip; None when the cache
    is not Redis or Redis is unreachable (the caller then takes the step-by-step path)."""
    global _admit_script
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    keys = [backend.make_key(_rate_key(ip))]
    if request_key is not None:
        keys.append(backend.make_key(_seen_key(request_key)))
    try:
        # Django's cache client, reused: its pool and (bigasia.edge.redis_cache) its client.
        client = backend._cache.get_client(write=True)
        if _admit_script is None:
            _admit_script = client.register_script(_ADMIT)
        args = [settings.READERSHIP_RATE_PER_MINUTE, settings.READERSHIP_DEDUP_SECONDS]
        answer = _admit_script(keys=keys, args=args, client=client)
    except _CACHE_ERRORS as exc:
        logger.warning("readership: shared cache unavailable (%s); using local memory", exc)
        return None
    return answer == -1, answer == 1


def is_prefetch(request: HttpRequest) -> bool:
    purpose = " ".join(
        request.META.get(name, "") for name in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ")
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


def judge(request: HttpRequest, raw_id: str) -> tuple[Verdict, int, int]:
    """The verdict on one beacon, with the page and locale ids when it counts.

    Order: rate limit, then the checks, then the known-article check and the
    de-duplication. For an article this process already knows (every beacon of a story
    being read) from a reader without a session, the rate limit and the de-duplication
    share one Redis round trip."""
    if request.method not in ("POST", "GET"):
        return Verdict.IGNORE, 0, 0
    ip = client_ip(request)
    page_id = parse_id(raw_id)
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    plausible = not (page_id is None or is_prefetch(request) or is_bot(user_agent))
    # A session cookie may be an editor's: loading the session is a query, which a flood over
    # the rate limit must not reach, so those beacons take the step-by-step path.
    may_be_editor = settings.SESSION_COOKIE_NAME in request.COOKIES
    locale_id = known_article_locale(page_id) if plausible else None
    if not may_be_editor and (locale_id is not None or not plausible):
        request_key = reader_key(ip, user_agent, page_id) if plausible else None
        admitted = _admit_in_one_trip(ip, request_key)
        if admitted is not None:
            over_limit, first = admitted
            if over_limit:
                return Verdict.TOO_MANY, 0, 0
            return (Verdict.COUNT, page_id, locale_id) if first else (Verdict.IGNORE, 0, 0)
    # Step by step: the article is new to this process (a database check that a flood over
    # the rate limit must not reach), a session cookie, a cache that is not Redis, Redis down.
    if over_rate_limit(ip):
        return Verdict.TOO_MANY, 0, 0
    if not plausible or is_editor(request):
        return Verdict.IGNORE, 0, 0
    locale_id = article_locale(page_id)
    if locale_id is None or not first_view(reader_key(ip, user_agent, page_id)):
        return Verdict.IGNORE, 0, 0
    return Verdict.COUNT, page_id, locale_id
