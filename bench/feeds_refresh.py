"""Refresh 1,000 feeds served on loopback (half answer 200 with changed items, half 304) and
measure feeds/minute plus the p99 render time of the seed article page during the refresh,
as a ratio against the same page rendered with no refresh running.

    .venv/bin/python -m bench.feeds_refresh [--feeds 1000] [--workers 1] [--rounds 3]
        [--priority idle|low|normal]

Everything runs on 127.0.0.1: ten tiny HTTP servers on 127.0.0.1..127.0.0.10 (so the per-host
limit of two polls does not serialise the run), a throw-away SQLite installation with the demo
content, refresh workers as separate processes at the CPU priority `bigasia worker` takes
(WORKER_CPU_PRIORITY). Two plain refreshes give the throughput; then, for the render times,
`--rounds` refreshes run paced: the page is rendered in this process through Django's WSGI
handler, back to back, while the workers are paused every other second, and each render
counts as idle or as during the refresh by the phase it ran in (see PacedRefresh).
"""

import argparse
import multiprocessing
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bigasia.settings.env import CPU_PRIORITIES  # a plain module: no Django set-up needed
from tests.wsgi_driver import call, wsgi_environ

HOSTS = [f"127.0.0.{n}" for n in range(1, 11)]
# Processes are spawned, not forked: forking a process with server and renderer threads can
# inherit a held lock and hang.
SPAWN = multiprocessing.get_context("spawn")


def feed_body(number: int, version: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {number} story {i} v{version}</title>"
        f"<link>http://feed{number}.example/{i}</link><guid>f{number}-{i}</guid>"
        f"<description>Text {i} of feed {number}, version {version}.</description></item>"
        for i in range(5)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {number}</title>{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    version = None  # a shared multiprocessing Value: bumped for even feeds before the refresh

    def do_GET(self):
        number = int(self.path.strip("/").split(".")[0])
        version = self.version.value if number % 2 == 0 else 1
        etag = f'"{number}-{version}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = feed_body(number, version)
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_feeds(version, ports) -> None:
    """The partners' servers, in a process of their own (not competing with page renders
    for the renderer's interpreter lock)."""
    Handler.version = version
    # These servers stand for partners' machines elsewhere: their CPU here is an artefact of
    # the bench, so they take only what the page renders leave.
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    servers = []
    for host in HOSTS:
        server = ThreadingHTTPServer((host, 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ports.put([server.server_address[1] for server in servers])
    threading.Event().wait()


def start_servers(version) -> tuple[list[int], multiprocessing.Process]:
    ports = SPAWN.Queue()
    process = SPAWN.Process(target=serve_feeds, args=(version, ports), daemon=True)
    process.start()
    return ports.get(timeout=30), process


def setup_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bigasia.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ["FEEDS_ALLOWED_NETWORKS"] = "127.0.0.0/8"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def install(feeds: int, ports: list[int]) -> None:
    from django.core.management import call_command

    from bigasia.demo.loader import DemoLoader
    from bigasia.feeds.models import FeedSource

    call_command("migrate", verbosity=0)
    DemoLoader().load()
    FeedSource.objects.bulk_create(
        FeedSource(
            name=f"Partner {n}",
            url=f"http://{HOSTS[n % len(HOSTS)]}:{ports[n % len(HOSTS)]}/{n}.xml",
            language="ru",
        )
        for n in range(feeds)
    )


def poll_share(data_dir: str, ids: list[int], ready, go) -> None:
    setup_django(data_dir)
    from django.conf import settings
    from django.db import connections

    from bigasia.core.cpu_priority import lower_cpu_priority

    lower_cpu_priority(settings.WORKER_CPU_PRIORITY)  # as `bigasia worker` does at start

    from bigasia.feeds.polling import poll_source

    ready.put(os.getpid())  # interpreter start-up is not part of the refresh time
    go.wait()

    pending = list(ids)
    while pending:
        source_id = pending.pop(0)
        if poll_source(source_id).status in ("busy", "host-busy"):
            # The scheduler would come back to it shortly; so does the bench, at the end of
            # its share, so that every feed is refreshed within the measured time.
            pending.append(source_id)
    connections.close_all()


def refresh(
    data_dir: str, workers: int, on_go: Callable[[list[int]], None] = lambda pids: None
) -> float:
    """Poll every source once across `workers` processes; seconds from go to the last poll.
    `on_go` gets the workers' process ids once they are up: their interpreter start-up
    (seconds of CPU) is not part of a refresh by long-running workers, nor of the renders
    measured during it."""
    from bigasia.feeds.models import FeedSource

    ids = list(FeedSource.objects.values_list("pk", flat=True))
    ready, go = SPAWN.Queue(), SPAWN.Event()
    shares = [ids[i::workers] for i in range(workers)]
    processes = [
        SPAWN.Process(target=poll_share, args=(data_dir, share, ready, go)) for share in shares
    ]
    for process in processes:
        process.start()
    on_go([ready.get(timeout=120) for _process in processes])
    started = time.perf_counter()
    go.set()
    for process in processes:
        process.join()
    return time.perf_counter() - started


class Renderer:
    """Renders one URL through Django's WSGI handler, as an app server does (connection
    handling and every middleware included; the test client keeps connections open and
    leaves two signal receivers behind per request, which makes collector pauses of its own)."""

    def __init__(self, url: str):
        from django.core.handlers.wsgi import WSGIHandler

        self.url = url
        self.handler = WSGIHandler()

    def render(self) -> float:
        environ = wsgi_environ(self.url, host="127.0.0.1")
        started = time.perf_counter()
        status = call(self.handler, environ).status  # closing it fires request_finished
        seconds = time.perf_counter() - started
        assert status == 200, status
        return seconds


class PacedRefresh:
    """A refresh whose workers are paused every other PHASE_SECONDS (SIGSTOP, then SIGCONT)
    while the page is rendered back to back; each render is filed under the phase it ran in
    from start to end ("idle": workers stopped, "during": workers running). Idle and during
    samples so interleave second by second and share the machine's drift, which on a
    virtual machine moves a median render by more than 10% between phases a minute apart."""

    PHASE_SECONDS = 1.0

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.samples: dict[str, list[float]] = {"idle": [], "during": []}
        self.running_seconds = 0.0
        self.phase = (0, "during")  # (switch number, label): a render spanning a switch is dropped
        self.done = threading.Event()
        self.threads: list[threading.Thread] = []

    def run(self, data_dir: str, workers: int) -> float:
        try:
            return refresh(data_dir, workers, on_go=self._start)
        finally:
            self.done.set()
            for thread in self.threads:
                thread.join()

    def _start(self, pids: list[int]) -> None:
        self.threads = [
            threading.Thread(target=self._keep_rendering),
            threading.Thread(target=self._pace, args=(pids,)),
        ]
        for thread in self.threads:
            thread.start()

    def _keep_rendering(self) -> None:
        while not self.done.is_set():
            phase = self.phase
            seconds = self.renderer.render()
            if self.phase is phase:
                self.samples[phase[1]].append(seconds)

    def _pace(self, pids: list[int]) -> None:
        switches = 0
        while not self.done.is_set():
            for label, sig in (("during", signal.SIGCONT), ("idle", signal.SIGSTOP)):
                if self.done.is_set():
                    # The workers have been reaped: a SIGSTOP now could reach a process that
                    # reused one of their ids.
                    break
                self._signal(pids, sig)  # before the label changes: no render is misfiled
                switches += 1
                self.phase = (switches, label)
                started = time.perf_counter()
                self.done.wait(self.PHASE_SECONDS)
                if label == "during":
                    self.running_seconds += time.perf_counter() - started
        self._signal(pids, signal.SIGCONT)

    @staticmethod
    def _signal(pids: list[int], sig: signal.Signals) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:  # that worker has finished its share
                pass


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else values[0]


def report(args, timings: dict[str, float], idle: list[float], during: list[float]) -> None:
    from django.conf import settings

    from bigasia.feeds.models import FeedItem, FeedSource

    statuses = {
        status: FeedSource.objects.filter(status=status).count()
        for status in ("ok", "not-modified", "error")
    }
    print(
        f"feeds: {args.feeds}, workers: {args.workers} "
        f"(processes, WORKER_CPU_PRIORITY={settings.WORKER_CPU_PRIORITY}), rounds: {args.rounds}"
    )
    for label, seconds in timings.items():
        print(f"{label}: {seconds:.1f} s = {args.feeds / seconds * 60:.0f} feeds/min")
    stored = FeedItem.objects.count()
    print(f"source statuses after the last refresh: {statuses}; items stored: {stored}")
    for label, times in (("idle", idle), ("during refresh", during)):
        print(
            f"page {label}: p50 {statistics.median(times) * 1000:.1f} ms, "
            f"p99 {p99(times) * 1000:.1f} ms over {len(times)} renders"
        )
    print(f"ratio during/idle p99: {p99(during) / p99(idle):.2f}")


def next_version(version, sources) -> None:
    version.value += 1  # even feeds change (200), odd ones answer 304
    sources.update(next_poll_at=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=1000)
    # One worker: what docs/feeds.md advises on SQLite, where writers take turns on one lock.
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="paced refreshes measured")
    parser.add_argument(
        "--priority", choices=CPU_PRIORITIES,
        help="WORKER_CPU_PRIORITY for the refresh workers (default: the site's default)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.priority:
        os.environ["WORKER_CPU_PRIORITY"] = args.priority  # inherited by the spawned workers
    with tempfile.TemporaryDirectory(prefix="bigasia-bench-feeds-") as data_dir:
        version = SPAWN.Value("i", 1)
        ports, server_process = start_servers(version)
        setup_django(data_dir)
        install(args.feeds, ports)
        from bigasia.articles.models import ArticlePage
        from bigasia.feeds.models import FeedSource

        url = ArticlePage.objects.get(
            locale__language_code="ru", title__startswith="Российско-казахстанское"
        ).url
        timings = {"priming (all 200, new items)": refresh(data_dir, args.workers)}
        next_version(version, FeedSource.objects)
        timings["refresh (200/304 mix)"] = refresh(data_dir, args.workers)
        renderer = Renderer(url)
        for _ in range(20):  # warm up, with the partners' block now full
            renderer.render()
        idle, during, running = [], [], []
        for _ in range(args.rounds):
            next_version(version, FeedSource.objects)
            paced = PacedRefresh(renderer)
            paced.run(data_dir, args.workers)
            idle += paced.samples["idle"]
            during += paced.samples["during"]
            running.append(paced.running_seconds)
        timings["paced refreshes, time workers ran (mean)"] = statistics.mean(running)
        report(args, timings, idle, during)
        sys.stdout.flush()
        server_process.terminate()


if __name__ == "__main__":
    main()
