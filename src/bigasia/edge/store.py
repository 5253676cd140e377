"""Where cached pages live: Django's cache alias `edge` (Redis in scale-out, a file cache
under DATA_DIR on one host), with a version counter per surrogate tag.

An entry remembers the versions of its tags when it was stored; purging a tag increments
its version, which makes every entry that carries it stale at once without finding them,
and advances the purge generation, which tells every process to revalidate the pages it
keeps in memory (edge/memory.py).
"""

import hashlib
import time
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import BaseCache, caches

from . import grace
from .generation import generation
from .tags import OTHER

_ENTRY = "edge:page:{}"
_TAG = "edge:tag:{}"
_VARIANTS = "edge:variants:{}"
# Added by mail, ads and social networks to links; they never change what a page shows.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
                                 "yclid", "ysclid", "_openstat", "mc_cid", "mc_eid", "igshid",
                                 "_ga", "_gl"})  # fmt: skip


@dataclass(frozen=True)
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    stored_at: float
    tag_versions: dict[str, int]
    expires_at: float = 0.0  # wall clock; 0 for entries stored before it was recorded


def _cache() -> BaseCache:
    return caches["edge"]


def request_key(host: str, path: str, query: str) -> str:
    """What identifies a cached answer: host, path (with its language) and the query
    without tracking parameters, sorted (`?b=2&utm_source=x&a=1` keys as `?a=1&b=2`)."""
    return f"{host.lower()}|{path}?{normal_query(query) if query else ''}"


def normal_query(query: str) -> str:
    kept = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if not (name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS)
    ]
    return urlencode(sorted(kept))


def query_names(request: str) -> set[str]:
    """The parameter names in a request key's (normalised) query."""
    return {name for name, _ in parse_qsl(request.partition("?")[2], keep_blank_values=True)}


def admit_variant(request: str, ttl: int) -> bool:
    """May one more query variant of this path be stored? At most EDGE_QUERY_VARIANTS per
    host and path within a TTL, so endless `?q=…` or `?page=…` values cannot fill the store
    (it may share its Redis with the task queue, under noeviction). The counter is atomic
    on Redis; on the file store two processes may both pass the last slot."""
    cache = _cache()
    counter = _VARIANTS.format(hashlib.sha256(request.partition("?")[0].encode()).hexdigest())
    cache.add(counter, 0, timeout=ttl)
    try:
        return cache.incr(counter) <= settings.EDGE_QUERY_VARIANTS
    except ValueError:  # expired between add and incr: a new window starts with this one
        return cache.add(counter, 1, timeout=ttl)


def entry_key(request: str) -> str:
    """The shared store's key for a request key (hashed: paths may be long or odd)."""
    return _ENTRY.format(hashlib.sha256(request.encode()).hexdigest())


def fetch(key: str) -> Entry | None:
    """The entry as stored, current or not (a purged one may still be served in grace)."""
    entry: Entry | None = _cache().get(key)
    return entry


def is_current(entry: Entry) -> bool:
    """True when none of the entry's tags was purged since it was stored."""
    return not purged_tags(entry)


def check(entry: Entry) -> tuple[set[str], bool]:
    """The entry's tags purged since it was stored, and whether it may be served stale
    meanwhile (edge/grace.py): one read of the store for both."""
    version_keys = {tag: _TAG.format(tag) for tag in entry.tag_versions}
    found = _cache().get_many([*version_keys.values(), *grace.keys(entry.tag_versions)])
    purged = {tag for tag, key in version_keys.items() if found.get(key) != entry.tag_versions[tag]}
    return purged, grace.may_serve_stale(entry.tag_versions, purged, found)


def purged_tags(entry: Entry) -> set[str]:
    """The entry's tags whose version moved since it was stored."""
    current = _cache().get_many([_TAG.format(tag) for tag in entry.tag_versions])
    return {
        tag
        for tag, version in entry.tag_versions.items()
        if current.get(_TAG.format(tag)) != version
    }


def store(key: str, entry_without_versions: Entry, tags: list[str], ttl: int) -> Entry:
    """Keep the entry with its tags' current versions; returns it as stored."""
    cache = _cache()
    keys = [_TAG.format(tag) for tag in tags]
    versions = cache.get_many(keys)
    for tag_key in keys:
        if tag_key not in versions:
            cache.add(tag_key, _fresh_version(), timeout=None)
    versions = cache.get_many(keys)
    now = time.time()
    entry = replace(
        entry_without_versions,
        stored_at=now,
        expires_at=now + ttl,
        tag_versions={tag: versions[_TAG.format(tag)] for tag in tags},
    )
    cache.set(key, entry, timeout=ttl)
    return entry


def purge(*tags: str, withdrawn: bool = False) -> None:
    """Make every entry carrying any of these tags stale (and `other` with them). Stale
    entries may be served while they are rebuilt (edge/grace.py) unless `withdrawn`: what
    they show left the public site."""
    cache = _cache()
    purged = {*tags, OTHER}
    if withdrawn:
        grace.mark_withdrawn(purged)
    for tag in purged:
        tag_key = _TAG.format(tag)
        try:
            version = cache.incr(tag_key)
        except ValueError:  # missing (never stored, or evicted): start from a fresh value
            cache.add(tag_key, _fresh_version(), timeout=None)
            continue  # no entry holds a fresh value: none is served stale
        grace.note_purge(tag, version)
    # After the versions moved: a process that sees the new generation and revalidates
    # must find them moved.
    generation().advance()


def _fresh_version() -> int:
    """A starting version no earlier entry can hold: if a tag's counter was evicted and
    restarted from 1, entries stored under the old counter could match again."""
    return time.time_ns()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
