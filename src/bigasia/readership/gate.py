"""What a beacon must pass to be counted: rate limit, not a bot, not a prefetch, not an
editor, a known article, and not already counted for this reader in the last 30 minutes.

Readers are recognised without cookies by a keyed hash of (IP, User-Agent, article). The key
is derived from SECRET_KEY and today's UTC date, rotates daily and is never stored; only the
hash lives in the cache, for the de-duplication window.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http.cookie import parse_cookie

from bigasia.articles.models import ArticlePage
from bigasia.core.clientip import client_ip

from . import admission
from .bots import is_bot
from .buffer import view_buffer
from .stores import current_hour

MAX_ID_DIGITS = 12


class Verdict(Enum):
    COUNT = "count"
    IGNORE = "ignore"
    TOO_MANY = "too-many"
    DEFERRED = "deferred"  # answered 204 now; Redis judges it with the next flush (admission)


@lru_cache(maxsize=2)
def _daily_salt(day: str) -> bytes:
    assert settings.SECRET_KEY  # every settings mode sets one
    return hmac.new(
        settings.SECRET_KEY.encode(), f"bigasia.readership.salt:{day}".encode(), hashlib.sha256
    ).digest()


def reader_key(ip: str, user_agent: str, page_id: int) -> str:
    salt = _daily_salt(datetime.now(UTC).date().isoformat())
    message = f"{ip}\n{user_agent}\n{page_id}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def rate_clock() -> float:
    """The wall clock the one-minute rate windows are cut from (tests pin it to one window)."""
    return time.time()


def _rate_key(ip: str) -> str:
    """A fixed one-minute window per address (hashed: raw addresses never reach the cache)."""
    window = int(rate_clock() // admission.RATE_WINDOW_SECONDS)
    return f"readership:rate:{reader_key(ip, '', 0)[:16]}:{window}"


def over_rate_limit(ip: str) -> bool:
    return admission.over_limit(_rate_key(ip))


def is_prefetch(meta: dict[str, Any]) -> bool:
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
    locale_id: int | None = (
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
    def read(cls, meta: dict[str, Any], raw_id: str) -> "Beacon":
        page_id = parse_id(raw_id)
        user_agent = meta.get("HTTP_USER_AGENT", "")[:512]
        cookies = meta.get("HTTP_COOKIE") or ""
        return cls(
            ip=client_ip(meta),
            page_id=page_id,
            user_agent=user_agent,
            plausible=not (page_id is None or is_prefetch(meta) or is_bot(user_agent)),
            # Loading the session is a query, which a flood over the rate limit must not
            # reach: beacons with a session cookie take the step-by-step path.
            may_be_editor=bool(cookies) and settings.SESSION_COOKIE_NAME in parse_cookie(cookies),
        )


def judge_without_database(meta: dict[str, Any], raw_id: str) -> tuple[Verdict, int, int] | None:
    """The verdict on a beacon when it needs no database and no session, else None.

    That is every beacon of a story this process already knows (checked in the last
    5 minutes) from a reader without a session cookie, and every implausible one (junk id,
    bot, prefetch), while the cache is Redis: the beacon is queued for Redis to judge with
    the next flush (DEFERRED; admission.py), or refused at once if its address went over
    the rate limit. None for an article new to this process, a session cookie, a cache that
    is not Redis, or Redis just failed; `judge` then decides step by step."""
    if meta.get("REQUEST_METHOD") not in ("POST", "GET"):
        return Verdict.IGNORE, 0, 0
    return _deferred(Beacon.read(meta, raw_id))


def _deferred(beacon: Beacon) -> tuple[Verdict, int, int] | None:
    if beacon.may_be_editor or admission.redis_backend() is None:
        return None
    # A plausible beacon has a valid page id; page_id is None for every other.
    page_id = beacon.page_id if beacon.plausible else None
    locale_id = known_article_locale(page_id) if page_id is not None else None
    if page_id is not None and locale_id is None:
        return None
    rate_key = _rate_key(beacon.ip)
    if admission.is_blocked(rate_key):
        return Verdict.TOO_MANY, 0, 0
    request_key: str | None
    view: tuple[int, int, int] | None  # admission.Candidate.view
    if page_id is not None and locale_id is not None:
        request_key = reader_key(beacon.ip, beacon.user_agent, page_id)
        view = (page_id, locale_id, current_hour())
    else:
        request_key = view = None
    view_buffer.add_candidate(admission.Candidate(rate_key, request_key, view))
    return Verdict.DEFERRED, 0, 0


def judge(request: HttpRequest, raw_id: str) -> tuple[Verdict, int, int]:
    """The verdict on one beacon, with the page and locale ids when it counts.

    Order: rate limit, then the checks, then the known-article check and the
    de-duplication; deferred to Redis when `judge_without_database` can decide."""
    if request.method not in ("POST", "GET"):
        return Verdict.IGNORE, 0, 0
    beacon = Beacon.read(request.META, raw_id)
    decided = _deferred(beacon)
    if decided is not None:
        return decided
    # Step by step: the article is new to this process (a database check that a flood over
    # the rate limit must not reach), a session cookie, a cache that is not Redis, Redis down.
    if over_rate_limit(beacon.ip):
        return Verdict.TOO_MANY, 0, 0
    if not beacon.plausible or is_editor(request):
        return Verdict.IGNORE, 0, 0
    assert beacon.page_id is not None  # a plausible beacon has a valid id
    locale_id = article_locale(beacon.page_id)
    if locale_id is None or not admission.first_view(
        reader_key(beacon.ip, beacon.user_agent, beacon.page_id)
    ):
        return Verdict.IGNORE, 0, 0
    return Verdict.COUNT, beacon.page_id, locale_id
