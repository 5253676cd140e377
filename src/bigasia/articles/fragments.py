"""Rendered fragments of reader pages, cached until what they show changes.

Most of an article, section or home page is the same for every reader and changes only when
something is published: the page chrome (head, language links, section menu), the story, its
byline, countries, tags and related stories, the lists of cards. Those parts are rendered once
and kept in Django's default cache under a key that carries the *publication stamps* of what
they show (stamps.py): the site's for every fragment, the page's own for what the page shows
of itself, its language's for listings. A story card is a fragment of its own, keyed by the
story's live revision, so a listing made again after a publish reuses every card but the
new one. A changed stamp makes the older fragments unreachable at once, in every app process
and on every host; old entries simply expire.

What differs between readers or moments stays outside the fragments (partners' rotation,
most read, the machine-translation notice), or sits in a fragment renewed on a clock as well
(`{% fragment … every=N %}`: the TV schedule, related stories). What must stay fresh *inside* a
fragment is the business of the app that owns it: its template tag asks `in_cached_fragment`
and, when so, leaves a hole that it fills in the finished response (readership does this for
view counts, so a cached card never shows a stale count).

Since every key carries the stamps, what is kept under a key never changes. So where the
default cache is Redis (scale-out), each process also keeps the fragments it used last in its
own memory, the `fragments` cache of settings/base.py: a render from kept fragments makes no
round trip to Redis for them (nine on the seed article).
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest
from django.template.context import Context
from django.utils import translation

from .stamps import children_stamps, current_stamps, site_stamp

FRAGMENT_SECONDS = 3600
MEMORY = "fragments"  # the process's own copy in front of a shared default cache
IN_FRAGMENT = "_in_cached_fragment"  # context flag set while a fragment renders to be cached
SCOPES = ("site", "page", "listing")
# Context flag: the page's own fragments follow every language's listings (tag pages).
FOLLOW_LISTINGS = "fragments_follow_listings"


def fragment_key(stamps: str, name: str, parts: Iterable[object]) -> str:
    joined = ":".join(str(part) for part in parts)
    if len(joined) > 120:  # paths can be long; cache backends warn past 250 characters
        joined = hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()
    return f"fragment:{stamps}:{name}:{joined}"


def in_cached_fragment(context: Context) -> bool:
    """Whether the template being rendered will be cached as a fragment and shown again."""
    return bool(context.get(IN_FRAGMENT))


def _memory() -> BaseCache | None:
    """The process's own copy, where settings configure one (in scale-out)."""
    return caches[MEMORY] if MEMORY in settings.CACHES else None


def get_fragment(key: str):
    memory = _memory()
    if memory is None:
        return cache.get(key)
    value = memory.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            memory.set(key, value, FRAGMENT_SECONDS)
    return value


def get_fragments(keys: list[str]) -> dict[str, Any]:
    memory = _memory()
    if memory is None:
        return cache.get_many(keys)
    found = memory.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        shared = cache.get_many(missing)
        memory.set_many(shared, FRAGMENT_SECONDS)
        found.update(shared)
    return found


def keep_fragment(key: str, value) -> None:
    cache.set(key, value, FRAGMENT_SECONDS)
    memory = _memory()
    if memory is not None:
        memory.set(key, value, FRAGMENT_SECONDS)


def remembered(
    request: HttpRequest, name: str, parts: Iterable[object], load: Callable, scope: str = "site"
):
    """`load()`'s result, kept until a change of `scope` (see `Stamps.key`)."""
    stamps = current_stamps(request).key(scope, translation.get_language())
    key = fragment_key(stamps, name, parts)
    value = get_fragment(key)
    if value is None:
        value = load()
        keep_fragment(key, value)
    return value


def remembered_by_section(
    request: HttpRequest, entries: dict[str, tuple[int, Callable[[], list]]]
) -> dict[str, list]:
    """{name: load()'s list} for entries {name: (section id, load)}, each kept until a story
    of its section is published (the section's stamp, stamps.py) or a site-wide change:
    after a publish, what the other sections list is reused. Their stamps in one query."""
    sections = children_stamps([section for section, _load in entries.values()])
    site = site_stamp(request)
    keys = {
        name: f"section-list:{site}:{section}.{sections.get(section, 0)}:{name}"
        for name, (section, _load) in entries.items()
    }
    kept = get_fragments(list(keys.values()))
    found = {}
    for name, (_section, load) in entries.items():
        value = kept.get(keys[name])
        if value is None:
            value = load()
            keep_fragment(keys[name], value)
        found[name] = value
    return found
