"""A purge in any process on the host moves the generation every other process reads."""

import os
import subprocess
import sys

import pytest

from bigasia.edge.generation import Generation
from tests.scratch import wait_until

ADVANCE = (
    "import sys; from pathlib import Path; from bigasia.edge.generation import Generation;"
    "[Generation(Path(sys.argv[1]), None, 'unused').advance() for _ in range(int(sys.argv[2]))]"
)


def _advance_elsewhere(path, times: int) -> None:
    subprocess.run([sys.executable, "-c", ADVANCE, str(path), str(times)], check=True)


def test_it_moves_the_generation_seen_by_another_process(tmp_path):
    path = tmp_path / "edge-generation"
    here = Generation(path, None, "unused")
    seen = here.current()
    assert here.current() == seen  # nothing purged: memory stays trusted
    _advance_elsewhere(path, 1)
    assert here.current() != seen


def test_it_counts_every_purge_of_concurrent_processes(tmp_path):
    path = tmp_path / "edge-generation"
    here = Generation(path, None, "unused")
    start = int.from_bytes(here.current()[0], "little")
    racers = [subprocess.Popen([sys.executable, "-c", ADVANCE, str(path), "200"]) for _ in range(3)]
    assert all(racer.wait(timeout=60) == 0 for racer in racers)
    assert int.from_bytes(here.current()[0], "little") == start + 600


@pytest.mark.skipif(not os.environ.get("BIGASIA_SCALE_OUT_PASS"), reason="Redis: scale-out pass")
def test_a_process_counts_the_purges_of_others_but_not_its_own_echo(tmp_path, settings):
    """Its own purge moved the file counter already; counting the echo too would refuse to
    keep a page rendered after that purge whenever the echo arrived mid-render."""
    channel = f"{settings.CACHES['edge']['KEY_PREFIX']}:test-echo:{tmp_path.name}"
    here = Generation(tmp_path / "here", settings.REDIS_URL, channel)
    elsewhere = Generation(tmp_path / "elsewhere", settings.REDIS_URL, channel)
    assert wait_until(lambda: here.current() is not None), "never subscribed"
    start = here.current()

    here.advance()
    moved_by_itself = here.current()
    assert moved_by_itself != start
    elsewhere.advance()  # published after its own: Redis delivers the two in this order
    assert wait_until(lambda: here.current() != moved_by_itself), "the other's purge unheard"
    assert here.current()[1] == start[1] + 1, "its own echo was counted"
