"""Without Redis, the app server's processes still count a reader once: the hashes live in
one SQLite file per host, and one statement decides between processes."""

import subprocess
import sys
import time

import pytest

from bigasia.readership.seen import HostSeenStore
from tests.readership.conftest import BROWSER

# Each process adds the same keys, starting from its own quarter of them, and prints how
# many it was first to see. The connection is opened before the start signal and every add
# yields the core for a moment: on a busy two-core CI machine, one process that woke first
# once ran through all 3,000 keys before the others had opened the file, and nothing raced.
RACE = """
import sys, time
from pathlib import Path
from bigasia.readership.seen import HostSeenStore
path, readers, number = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = HostSeenStore(path.with_name("seen.sqlite3"))
store.add(f"warm-up-{number}", 1800)
keys = [f"reader-{n}" for n in range(readers)]
start = number * readers // 4
keys = keys[start:] + keys[:start]
path.with_name(f"ready-{number}").touch()
while not path.with_name("go").exists():  # start together, whatever the start-up took
    time.sleep(0.01)
firsts = 0
for key in keys:
    firsts += store.add(key, 1800)
    time.sleep(0.0005)
print(firsts)
"""


def test_it_counts_each_reader_once_across_racing_processes(tmp_path):
    path, readers = tmp_path / "seen.sqlite3", 3000
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(path), str(readers), str(n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < len(racers) and time.monotonic() < deadline:
        time.sleep(0.05)
    (tmp_path / "go").touch()
    firsts = [int(racer.communicate(timeout=120)[0]) for racer in racers]
    assert sum(firsts) == readers, firsts
    assert sum(count > 0 for count in firsts) >= 2, f"the processes did not race: {firsts}"
    store = HostSeenStore(path)
    assert not any(store.add(f"reader-{n}", 1800) for n in range(readers)), "replays count"


def test_it_sees_a_reader_again_after_the_window(tmp_path):
    store = HostSeenStore(tmp_path / "seen.sqlite3")
    assert store.add("reader", 1)
    assert not store.add("reader", 1)
    time.sleep(1.1)
    assert store.add("reader", 1)


@pytest.mark.django_db
def test_it_remembers_more_readers_than_a_memory_cache_holds(
    send_beacon, flushed_views, seed_article
):
    before = flushed_views(seed_article)
    ips = [f"198.51.{n // 250}.{n % 250}" for n in range(600)]
    for ip in ips:
        send_beacon(seed_article.pk, ip=ip, agent=BROWSER)
    assert flushed_views(seed_article) == before + 600
    for ip in ips:
        send_beacon(seed_article.pk, ip=ip, agent=BROWSER)
    assert flushed_views(seed_article) == before + 600
