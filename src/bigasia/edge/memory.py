"""Pages kept in this process's memory, in front of the shared store, bounded by bytes.

Each page remembers the purge generation under which it was last known to be current. A hit
whose generation still matches is served without asking the shared store anything; when the
generation moved, the caller revalidates the page against its tags' versions in the store
(one small read) and renews it. A purged page is kept until it is replaced or expires: it is
the copy served in grace while it is rebuilt (edge/grace.py).
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from . import store
from .generation import Stamp

# Bytes counted per page beyond its body: headers, the record, the dictionary slot.
OVERHEAD = 1024


@dataclass
class Kept:
    entry: store.Entry
    generation: Stamp
    expires_at: float  # monotonic clock
    headers_200: list[tuple[str, str]]  # what a hit sends, computed once
    headers_304: list[tuple[str, str]]
    used: bool = False  # hit since eviction last passed it (Memory's second chance)

    @property
    def size(self) -> int:
        return len(self.entry.body) + OVERHEAD


class Memory:
    """Pages by entry key, at most `max_bytes` in total, the least recently used evicted first.

    Recency is kept approximately, by a second chance (the CLOCK algorithm): a hit only
    marks its page, and eviction sends a marked page to the back, unmarked, instead of
    dropping it. An exact order would cost every hit the lock and a move, and hits are what
    the app server's threads do most."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # the app server's threads share this map

    def get(self, key: str) -> Kept | None:
        # A single read of the map needs no lock: under the GIL a writer never leaves it
        # half changed for a reader. (A Python without the GIL would need the lock here.)
        kept = self._pages.get(key)
        if kept is None:
            return None
        if kept.expires_at <= time.monotonic():
            with self._lock:
                if self._pages.get(key) is kept:
                    self._remove(key)
            return None
        kept.used = True
        return kept

    def put(self, key: str, entry: store.Entry, generation: Stamp, ttl: float) -> Kept | None:
        kept = Kept(entry, generation, time.monotonic() + ttl, *hit_headers(entry))
        if kept.size > self.max_bytes:
            return None
        with self._lock:
            if key in self._pages:
                self._remove(key)
            self._pages[key] = kept
            self._bytes += kept.size
            while self._bytes > self.max_bytes:
                self._remove(self._eviction_candidate())
        return kept

    def _eviction_candidate(self) -> str:
        """The first page in order not hit since eviction last passed it; the hit ones it
        passes go to the back, unmarked. One round at most: then the first page goes."""
        for _ in range(len(self._pages)):
            key, kept = next(iter(self._pages.items()))
            if not kept.used:
                return key
            kept.used = False
            self._pages.move_to_end(key)
        return next(iter(self._pages))

    def renew(self, kept: Kept, generation: Stamp) -> None:
        kept.generation = generation

    def _remove(self, key: str) -> None:
        self._bytes -= self._pages.pop(key).size

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)


def hit_headers(entry: store.Entry) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    common = [*entry.headers, ("ETag", entry.etag), ("X-Cache", "HIT")]
    return [*common, ("Content-Length", str(len(entry.body)))], common
