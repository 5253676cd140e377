"""Rendered fragments of reader pages, cached between publishes.

Most of an article, section or home page is the same for every reader and changes only when
something is published: the page chrome (head, language links, section menu), the story, its
byline, countries, tags and related stories, the lists of cards. Those parts are rendered once
and kept in Django's default cache under a key that carries the *publication stamp*, a
counter in the database advanced by every change readers see (the `public_content_changed`
signal: a publish, unpublish, move, delete, view restriction, snippet or image edit). A new
stamp makes every older fragment unreachable at once, in every app process and on every host
(the stamp lives in the shared database, so this holds even when each process has its own
in-memory cache); old entries simply expire.

What differs between readers or moments stays outside the fragments (partners' rotation,
most read, the machine-translation notice), or sits in a fragment renewed on a clock as well
(`{% fragment … every=N %}`: the TV schedule). What must stay fresh *inside* a
fragment is the business of the app that owns it: its template tag asks `in_cached_fragment`
and, when so, leaves a hole that it fills in the finished response (readership does this for
view counts, so a cached card never shows a stale count).
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.context import Context

from bigasia.core.changes import public_content_changed

from .labels import PublicationStamp

FRAGMENT_SECONDS = 3600
_STAMP_ON_REQUEST = "_publication_stamp"
IN_FRAGMENT = "_in_cached_fragment"  # context flag set while a fragment renders to be cached
_READ_STAMP = f"SELECT value FROM {PublicationStamp._meta.db_table} WHERE id = 1"


def current_stamp(request: HttpRequest | None = None) -> int:
    """The stamp, read once per request (one primary-key query)."""
    memo = getattr(request, _STAMP_ON_REQUEST, None)
    if memo is not None:
        return memo
    # Plain SQL: this runs on every render, and building the ORM query costs more than
    # the database takes to answer it.
    with connection.cursor() as cursor:
        cursor.execute(_READ_STAMP)
        row = cursor.fetchone()
    value = row[0] if row else 0
    if request is not None:
        setattr(request, _STAMP_ON_REQUEST, value)
    return value


def advance_stamp() -> None:
    """Make every cached fragment stale (called on publish and the like)."""
    if not PublicationStamp.objects.filter(pk=1).update(value=F("value") + 1):
        PublicationStamp.objects.get_or_create(pk=1, defaults={"value": 1})


@receiver(public_content_changed, dispatch_uid="fragments-stamp")
def _advance_on_change(sender, **kwargs) -> None:
    advance_stamp()


def fragment_key(stamp: int, name: str, parts: Iterable[object]) -> str:
    joined = ":".join(str(part) for part in parts)
    return f"fragment:{stamp}:{name}:{joined}"


def in_cached_fragment(context: Context) -> bool:
    """Whether the template being rendered will be cached as a fragment and shown again."""
    return bool(context.get(IN_FRAGMENT))


def get_fragment(key: str):
    return cache.get(key)


def keep_fragment(key: str, value) -> None:
    cache.set(key, value, FRAGMENT_SECONDS)


def remembered(request: HttpRequest, name: str, parts: Iterable[object], load: Callable):
    """`load()`'s result, kept under the current stamp (so until the next publish)."""
    key = fragment_key(current_stamp(request), name, parts)
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, FRAGMENT_SECONDS)
    return value
