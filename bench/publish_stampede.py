"""The home page's tail latency when a story is published under load (grace mode, docs/edge.md).

wrk keeps 50 connections on the Russian home page of a production server (edge cache on)
for the whole run. A probe process times every request of its own few connections (one
request after another on each, 30 s timeout): wrk drops what is still outstanding when a run
ends and reports one figure per run, the probe sees every stall and when it began.
Meanwhile a story of the home page is published from another process, which purges the home
page. Reported, from the probe: the p99 of the requests begun in the seconds before the
publish against the p99 of those begun during the publish and the second after it.
Target: at most 2×.

The same is measured with EDGE_GRACE_SECONDS=0 (every reader of the purged page renders it,
as before grace mode), for reference.

Usage: .venv/bin/python -m bench.publish_stampede [--publishes 3] [--grace 5] [--embedded]
Needs wrk (Debian package) and PostgreSQL + Redis on 127.0.0.1 (BENCH_PG, BENCH_REDIS), or
with --embedded a SQLite file and the file store, as `bigasia serve --production` on one host.
"""

import argparse
import http.client
import multiprocessing
import statistics
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from urllib.parse import urlsplit

from bench.page_serving import Site, wait_for

CONNECTIONS = 50
PROBES = 4  # the probe's connections, beside wrk's
BEFORE_SECONDS = 5  # load before each publish: the reference p99
AFTER_SECONDS = 3  # load after a publish's end

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

Sample = tuple[float, float]  # when the request began (wall clock), its latency in ms


def _probe_connection(url: str, stop: threading.Event, samples: list[Sample]) -> None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while not stop.is_set():
        began, clock = time.time(), time.perf_counter()
        connection.request("GET", parts.path)
        response = connection.getresponse()
        response.read()
        samples.append((began, (time.perf_counter() - clock) * 1000))
    connection.close()


def _probe(url: str, pipe: Connection) -> None:
    """Time requests on PROBES connections until told to stop; send back the samples."""
    stop = threading.Event()
    samples: list[Sample] = []
    threads = [
        threading.Thread(target=_probe_connection, args=(url, stop, samples)) for _ in range(PROBES)
    ]
    for thread in threads:
        thread.start()
    pipe.recv()
    stop.set()
    for thread in threads:
        thread.join()
    pipe.send(samples)


class Load:
    """wrk at 50 connections and the probe, from entering to leaving."""

    def __init__(self, url: str, seconds: int) -> None:
        self.url, self.seconds = url, seconds
        self.samples: list[Sample] = []

    def __enter__(self) -> "Load":
        self.wrk = subprocess.Popen(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{self.seconds}s", self.url],
            stdout=subprocess.DEVNULL,
        )
        self._pipe, child = multiprocessing.Pipe()
        self._prober = multiprocessing.Process(target=_probe, args=(self.url, child))
        self._prober.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._pipe.send("stop")
        self.samples = self._pipe.recv()
        self._prober.join()
        self.wrk.terminate()
        self.wrk.wait()


def p99(samples: list[Sample], start: float, end: float) -> float:
    latencies = [latency for began, latency in samples if start <= began < end]
    return statistics.quantiles(latencies, n=100)[98]


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
    """(p99 before, p99 during and after) for each publish, in ms."""
    times = []
    seconds = publishes * (BEFORE_SECONDS + AFTER_SECONDS + 10) + 5  # wrk outlasts the run
    with Load(url, seconds) as load:
        for _publish in range(publishes):
            time.sleep(BEFORE_SECONDS)  # the load runs meanwhile: this is its reference
            times.append(publisher.publish())
            time.sleep(AFTER_SECONDS)
    return [
        (
            p99(load.samples, started - BEFORE_SECONDS + 1, started),
            p99(load.samples, started, ended + 1),
        )
        for started, ended in times
    ]


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
    print(f"home page /ru/, wrk -t2 -c{CONNECTIONS}, p99 of a {PROBES}-connection probe, {store}")
    print(f"{'EDGE_GRACE_SECONDS':<20} {'p99 before ms':>14} {'p99 after ms':>13} {'ratio':>7}")
    for grace, figures in results.items():
        for before, after in figures:
            print(f"{grace:<20} {before:>14.2f} {after:>13.2f} {after / before:>7.2f}")
    worst = max(after / before for before, after in results[args.grace])
    print(f"worst ratio with grace: {worst:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
