"""Grace mode: after a purge, readers get the previous copy of a page while one of them
rebuilds it, as Varnish's grace does, so a publish costs one render of the home page, not one
per reader who arrives while it renders.

What is kept in the shared store for it, each for about EDGE_GRACE_SECONDS:
- per purged tag, the time of the first purge in the current grace window and the version it
  produced: a copy is served stale only if it became stale within the window, which bounds
  how old a page a reader may see after a publish;
- per withdrawn tag (its page unpublished, deleted, put behind a view restriction), a mark:
  no copy carrying it is ever served stale;
- per page, the rebuild claim of the reader who renders it.

Never across a language: a stale copy is the previous answer to the same request key, and the
key holds the path with its language.
"""

import threading
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.filebased import FileBasedCache

_PURGED = "edge:purged:{}"
_WITHDRAWN = "edge:withdrawn:{}"
_REBUILD = "edge:rebuild:{}"
# Per-key locks for the claim, striped: a lock per page would have to be forgotten again.
_CLAIM_LOCKS = tuple(threading.Lock() for _ in range(64))


def _cache() -> BaseCache:
    return caches["edge"]


def _seconds() -> int:
    grace: int = settings.EDGE_GRACE_SECONDS
    return grace


def mark_withdrawn(tags: Iterable[str]) -> None:
    """Called before the tags' versions move: a reader who sees a moved version must also
    see the mark. It outlives the purge records written after it (a second of margin), so
    it lasts as long as any copy from before the withdrawal could be served stale."""
    if _seconds():
        marks = {_WITHDRAWN.format(tag): time.time() for tag in tags}
        _cache().set_many(marks, timeout=_seconds() + 1)


def note_purge(tag: str, new_version: int) -> None:
    """Called after a tag's version moved. Only the first purge of a window is recorded
    (`add`): copies that became stale later in the window are younger than it."""
    if _seconds():
        _cache().add(_PURGED.format(tag), (time.time(), new_version), timeout=_seconds())


def keys(tags: Iterable[str]) -> list[str]:
    """What `may_serve_stale` reads for a copy with these tags, to be read in one round trip
    with the tags' versions (store.check)."""
    if not _seconds():
        return []
    return [key for tag in tags for key in (_WITHDRAWN.format(tag), _PURGED.format(tag))]


def may_serve_stale(tag_versions: dict[str, int], purged: set[str], found: dict[str, Any]) -> bool:
    """May a copy stored with these tag versions, made stale by the purge of `purged` (some
    of its tags), still be served while it is rebuilt? Only if none of its tags was
    withdrawn and every purge that made it stale lies within the last EDGE_GRACE_SECONDS.
    `found` holds what was read of `keys(tag_versions)`."""
    if not _seconds() or not purged:
        return False
    if any(_WITHDRAWN.format(tag) in found for tag in tag_versions):
        return False
    now = time.time()
    for tag in purged:
        record = found.get(_PURGED.format(tag))
        if record is None:  # purged before the window, or its counter was restarted
            return False
        purged_at, first_version = record
        # The copy's version is the one just before the window's first purge, or later:
        # otherwise an earlier purge, older than the window, made it stale.
        if now - purged_at > _seconds() or tag_versions[tag] < first_version - 1:
            return False
    return True


def claim_rebuild(entry_key: str) -> bool:
    """True for the one reader who is to render the page; the others get the stale copy.

    `cache.add` is atomic on Redis (SET NX) and in LocMemCache; the file store's add reads,
    then writes, so the lock makes it atomic among this process's threads. The race that
    remains: two processes on one host with the file store may both win and both render
    (one render per process instead of one per reader). A claim lives at most the grace
    period, so a reader that died while rendering holds nobody back for longer."""
    cache, claim = _cache(), _REBUILD.format(entry_key)
    if not isinstance(cache, FileBasedCache):
        # No lock where add is atomic: threads would queue on it behind a round trip (and,
        # while another thread renders, behind the GIL).
        return cache.add(claim, 1, timeout=_seconds())
    with _CLAIM_LOCKS[hash(entry_key) % len(_CLAIM_LOCKS)]:
        return cache.add(claim, 1, timeout=_seconds())


def release_rebuild(entry_key: str) -> None:
    """After the render (stored or not). If it outlasted its claim and another reader took
    one meanwhile, this ends that reader's claim too: at worst one more render."""
    _cache().delete(_REBUILD.format(entry_key))
