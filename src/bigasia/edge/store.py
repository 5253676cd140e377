"""Where cached pages live: Django's cache alias `edge` (Redis in scale-out, a file cache
under DATA_DIR on one host), with a version counter per surrogate tag.

An entry remembers the versions of its tags when it was stored; purging a tag increments
its version, which makes every entry that carries it stale at once without finding them.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import caches

from .tags import OTHER

_ENTRY = "edge:page:{}"
_TAG = "edge:tag:{}"


@dataclass(frozen=True)
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    stored_at: float
    tag_versions: dict[str, int]


def _cache():
    return caches["edge"]


def entry_key(host: str, path: str, query: str) -> str:
    raw = f"{host.lower()}|{path}?{query}"
    return _ENTRY.format(hashlib.sha256(raw.encode()).hexdigest())


def lookup(key: str) -> Entry | None:
    """The entry if it exists and none of its tags was purged since it was stored."""
    cache = _cache()
    entry = cache.get(key)
    if entry is None:
        return None
    current = cache.get_many([_TAG.format(tag) for tag in entry.tag_versions])
    for tag, version in entry.tag_versions.items():
        if current.get(_TAG.format(tag)) != version:
            return None
    return entry


def store(key: str, entry_without_versions: Entry, tags: list[str], ttl: int) -> None:
    cache = _cache()
    keys = [_TAG.format(tag) for tag in tags]
    versions = cache.get_many(keys)
    for tag_key in keys:
        if tag_key not in versions:
            cache.add(tag_key, _fresh_version(), timeout=None)
    versions = cache.get_many(keys)
    entry = Entry(
        status=entry_without_versions.status,
        headers=entry_without_versions.headers,
        body=entry_without_versions.body,
        etag=entry_without_versions.etag,
        stored_at=time.time(),
        tag_versions={tag: versions[_TAG.format(tag)] for tag in tags},
    )
    cache.set(key, entry, timeout=ttl)


def purge(*tags: str) -> None:
    """Make every entry carrying any of these tags stale (and `other` with them)."""
    cache = _cache()
    for tag in {*tags, OTHER}:
        tag_key = _TAG.format(tag)
        try:
            cache.incr(tag_key)
        except ValueError:  # missing (never stored, or evicted): start from a fresh value
            cache.add(tag_key, _fresh_version(), timeout=None)


def _fresh_version() -> int:
    """A starting version no earlier entry can hold: if a tag's counter was evicted and
    restarted from 1, entries stored under the old counter could match again."""
    return time.time_ns()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
