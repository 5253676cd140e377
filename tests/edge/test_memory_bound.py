"""Each process keeps pages in memory up to a byte budget, dropping the least recently used."""

import pytest

from bigasia.edge.memory import OVERHEAD, Memory
from bigasia.edge.store import Entry

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


def _page(size: int) -> Entry:
    return Entry("200 OK", [("Content-Type", "text/html")], b"x" * size, '"e"', 0, {})


def test_it_keeps_pages_within_the_byte_budget_dropping_the_least_recently_used():
    memory = Memory(max_bytes=3 * (10_000 + OVERHEAD))
    for key in ("a", "b", "c"):
        memory.put(key, _page(10_000), ("g",), ttl=60)
    assert memory.get("a") is not None  # "a" is now the most recently used
    memory.put("d", _page(10_000), ("g",), ttl=60)
    assert memory.get("b") is None, "the least recently used page went first"
    assert all(memory.get(key) is not None for key in ("a", "c", "d"))
    assert memory.bytes_used <= memory.max_bytes


def test_a_page_read_between_fills_outlives_the_pages_nobody_reads():
    # Hits only mark a page (no lock, no move); eviction gives a marked page a second chance.
    memory = Memory(max_bytes=3 * (10_000 + OVERHEAD))
    memory.put("read", _page(10_000), ("g",), ttl=60)
    for n in range(10):
        assert memory.get("read") is not None, f"evicted at fill {n} although read before it"
        memory.put(f"unread-{n}", _page(10_000), ("g",), ttl=60)
    assert memory.get("unread-0") is None and memory.get("unread-9") is not None
    assert memory.bytes_used <= memory.max_bytes


def test_it_never_keeps_a_page_larger_than_the_budget_or_past_its_life():
    memory = Memory(max_bytes=5_000)
    assert memory.put("big", _page(10_000), ("g",), ttl=60) is None
    memory.put("brief", _page(100), ("g",), ttl=0)
    assert memory.get("brief") is None
    assert len(memory) == 0 and memory.bytes_used == 0
