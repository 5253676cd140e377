"""The home page's tail latency when a story is published under load (grace mode, docs/edge.md).

wrk keeps 50 connections on the Russian home page of a production server (edge cache on) as
back-to-back one-second runs, so each second has its own p99. Meanwhile a story of the home
page is published from another process, which purges the home page. Reported: the p99 of
the seconds before the publish (their median) against the worst p99 of the seconds that
overlap the publish and the second after it. Target: at most 2×.

The same is measured with EDGE_GRACE_SECONDS=0 (every reader of the purged page renders it,
as before grace mode), for reference.

Usage: .venv/bin/python -m bench.publish_stampede [--publishes 3] [--grace 5] [--embedded]
Needs wrk (Debian package) and PostgreSQL + Redis on 127.0.0.1 (BENCH_PG, BENCH_REDIS), or
with --embedded a SQLite file and the file store, as `bigasia serve --production` on one host.
"""

import argparse
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from bench.page_serving import Site, _latency, wait_for

CONNECTIONS = 50
BEFORE_SECONDS = 5  # load before each publish: the reference p99
AFTER_SECONDS = 2  # load after a publish's end

PUBLISHER = """
import sys, time
from bigasia.articles.models import HomePage
print("ready", flush=True)
for number, _line in enumerate(sys.stdin):
    story = HomePage.objects.get(locale__language_code="ru").featured_article
    story.title = f"Публикация под нагрузкой № {number}"
    started = time.time()
    story.save_revision().publish()
    print(started, time.time(), flush=True)
"""


@dataclass
class Second:
    start: float
    end: float
    p99_ms: float
    requests: int


def one_second(url: str) -> Second:
    start = time.time()
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", "-d1s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests = int(out.split(" requests in ")[0].split()[-1])
    return Second(start, time.time(), _latency(out, "99%"), requests)


class Load:
    """wrk in one-second runs, one after another, until stopped."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.seconds: list[Second] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.seconds.append(one_second(self.url))

    def __enter__(self) -> "Load":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class Publisher:
    """A Django process that publishes the home page's lead story on demand."""

    def __init__(self, site: Site) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "shell", "--no-imports", "-c", PUBLISHER],
            env=site.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout.readline().strip() == "ready"

    def publish(self) -> tuple[float, float]:
        """Publish once; returns when the publish started and ended (wall clock)."""
        self.process.stdin.write("publish\n")
        self.process.stdin.flush()
        started, ended = self.process.stdout.readline().split()
        return float(started), float(ended)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def measure(url: str, publisher: Publisher, publishes: int) -> list[tuple[float, float]]:
    """(p99 before, worst p99 around and after) for each publish, in ms."""
    figures = []
    with Load(url) as load:
        for _publish in range(publishes):
            time.sleep(BEFORE_SECONDS)  # the load runs meanwhile: this is its reference
            before = [s.p99_ms for s in load.seconds[-BEFORE_SECONDS + 1 :]]
            started, ended = publisher.publish()
            time.sleep(AFTER_SECONDS)
            after = [s.p99_ms for s in load.seconds if s.end > started and s.start < ended + 1]
            figures.append((statistics.median(before), max(after)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--publishes", type=int, default=3)
    parser.add_argument("--grace", type=int, default=5, help="EDGE_GRACE_SECONDS measured")
    parser.add_argument("--embedded", action="store_true", help="SQLite and the file store")
    args = parser.parse_args()

    site = Site(embedded=args.embedded)
    site.set_up()
    # Every process of an installation must agree on it: the publisher writes the records.
    site.env["EDGE_GRACE_SECONDS"] = str(args.grace)
    publisher = Publisher(site)
    results: dict[int, list[tuple[float, float]]] = {}
    try:
        for grace in (args.grace, 0):
            site.env["EDGE_GRACE_SECONDS"] = str(grace)  # for this server only
            base = site.serve(edge=True)
            wait_for(base + "/ru/")
            results[grace] = measure(base + "/ru/", publisher, args.publishes)
            process = site.processes.pop()
            process.terminate()
            process.wait(timeout=30)
    finally:
        publisher.close()
        site.tear_down()

    store = "SQLite + file store" if args.embedded else "PostgreSQL + Redis"
    print(f"home page /ru/, wrk -t2 -c{CONNECTIONS} in 1 s runs, {store}")
    print(f"{'EDGE_GRACE_SECONDS':<20} {'p99 before ms':>14} {'p99 after ms':>13} {'ratio':>7}")
    for grace, figures in results.items():
        for before, after in figures:
            print(f"{grace:<20} {before:>14.2f} {after:>13.2f} {after / before:>7.2f}")
    worst = max(after / before for before, after in results[args.grace])
    print(f"worst ratio with grace: {worst:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
