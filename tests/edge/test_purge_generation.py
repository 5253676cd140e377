"""A purge in any process on the host moves the generation every other process reads."""

import subprocess
import sys

from bigasia.edge.generation import Generation

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
