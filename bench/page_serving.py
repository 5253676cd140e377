"""Serving the seed's pages: nginx (the limit) vs edge-cache hits vs full renders.

One run on this machine, wrk at 50 connections against each target in turn:
  - nginx serving the exact bytes of the seed article page from a file (the reference);
  - the production server (`bigasia serve --production`: granian, or gunicorn with
    --server gunicorn) on PostgreSQL + Redis: the article as a cache hit;
  - the embedded default (SQLite, no Redis): the article as a cache hit;
  - the PostgreSQL site with the edge cache off: full renders of the article, the home page
    and the article's section, and the article at one connection (its p50);
  - optionally Ghost with the same article (../shared/bench/ghost_vs_nginx.sh), --ghost.
Every target runs right after an nginx run of its own, and its ratio is to that figure.
When that nginx figure falls more than 30 % below the best nginx figure of the run (the
machine got busy), the pair is run again, up to --tries times, rather than report a ratio
inflated by a slowed reference. The pages are the demo's as a reader sees them: the bench
says whether the partners' block, most-read and the newsletter box are on each.

Usage: .venv/bin/python -m bench.page_serving [--duration 10] [--ghost] [--server gunicorn]
Needs wrk and nginx (Debian packages) and PostgreSQL + Redis on 127.0.0.1 (BENCH_PG,
BENCH_REDIS; BENCH_DB_PREFIX names the scratch databases).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "bigasia_bench")  # scratch databases' names


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def wrk(url: str, duration: int, connections: int = 50) -> tuple[float, float, float]:
    threads = f"-t{min(2, connections)}"  # wrk refuses more threads than connections
    subprocess.run(["wrk", threads, f"-c{connections}", "-d3s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", threads, f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, _latency(out, "50%"), _latency(out, "99%")


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


class Site:
    """A scratch production installation on its own PostgreSQL database and Redis, or with
    embedded=True on a SQLite file in its data directory and no Redis."""

    def __init__(self, server: str = "granian", embedded: bool = False) -> None:
        self.server = server
        self.embedded = embedded
        self.db = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}"
        self.data = Path(tempfile.mkdtemp(prefix="bigasia-bench-"))
        self.env = {
            **os.environ,
            "DATABASE_URL": f"{PG}/{self.db}",
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": self.db,
            "DATA_DIR": str(self.data),
            "SECRET_KEY": "b" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "bigasia.settings.production",
            "APP_SERVER": server,
        }
        if embedded:
            self.env["DATABASE_URL"] = f"sqlite:///{self.data / 'bigasia.sqlite3'}"
            del self.env["REDIS_URL"]
        self.processes: list[subprocess.Popen] = []

    def manage(self, *args: str, **env: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "bigasia.cli", *args], env={**self.env, **env},
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    def newest_article_id(self) -> int:
        return int(self.manage("shell", "--no-imports", "-c", (
            "from bigasia.articles.models import ArticlePage;"
            "print(ArticlePage.objects.live().order_by('pk').last().pk)"
        )).strip())  # fmt: skip

    def set_up(self) -> str:
        if not self.embedded:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", self.db], check=True)
        self.manage("migrate", "--no-input")
        self.manage("demo", "--no-editor")
        self.manage("collectstatic", "--no-input")
        return self.manage(
            "shell", "--no-imports", "-c",
            "from bigasia.articles.models import HomePage;"
            "print(HomePage.objects.get(locale__language_code='ru').featured_article.url)",
        ).strip()  # fmt: skip

    def serve(self, edge: bool) -> str:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "serve", "--production"],
            env={**self.env, "PORT": str(port), "EDGE_ENABLED": "1" if edge else "0"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.processes.append(process)
        return f"http://127.0.0.1:{port}"

    def tear_down(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(timeout=30)
        if not self.embedded:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--force", self.db])


def nginx_serving(body: bytes) -> tuple[str, subprocess.Popen]:
    root = Path(tempfile.mkdtemp(prefix="bigasia-nginx-"))
    root.chmod(0o755)  # nginx's workers drop root for nobody and must read the file
    (root / "html").mkdir(mode=0o755)
    (root / "html" / "page.html").write_bytes(body)
    port = free_port()
    (root / "nginx.conf").write_text(f"""daemon off; worker_processes 1; pid {root}/nginx.pid;
error_log {root}/error.log warn; events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; keepalive_requests 1000000;
  client_body_temp_path {root}/t1; proxy_temp_path {root}/t2; fastcgi_temp_path {root}/t3;
  uwsgi_temp_path {root}/t4; scgi_temp_path {root}/t5;
  server {{ listen 127.0.0.1:{port}; root {root}/html;
    location / {{ default_type "text/html; charset=utf-8"; try_files /page.html =404; }} }} }}
""")
    process = subprocess.Popen(["nginx", "-p", str(root), "-c", str(root / "nginx.conf")])
    return f"http://127.0.0.1:{port}/", process


def ghost_figure() -> tuple[float, float, float] | None:
    script = ROOT.parent / "shared" / "bench" / "ghost_vs_nginx.sh"
    out = subprocess.run(["bash", str(script)], capture_output=True, text=True).stdout
    match = re.search(r"^ghost_post_c50 ([\d.]+) ([\d.]+) ([\d.]+)$", out, re.M)
    return tuple(float(x) for x in match.groups()) if match else None


READER_BLOCKS = {
    "partners' block": b'class="partners-news"',
    "most-read": b'class="block most-read"',
    "newsletter box": b'class="nl-box"',
}
BUSY = 0.7  # an nginx figure under 70 % of the run's best: the machine was busy


class Reference:
    """nginx's figure, measured again before each target; the best one stands for idle."""

    def __init__(self, url: str, duration: int, tries: int) -> None:
        self.url, self.duration, self.tries = url, duration, tries
        self.idle = wrk(url, duration)[0]

    def paired(self, url: str, connections: int = 50) -> tuple[tuple[float, float, float], float]:
        """The target's figure and the nginx figure just before it."""
        for _ in range(self.tries):
            limit = wrk(self.url, self.duration)[0]
            self.idle = max(self.idle, limit)
            if limit >= BUSY * self.idle:
                break
            print(
                f"warning: nginx at {limit:.0f} req/s, {1 - limit / self.idle:.0%} below its"
                f" idle {self.idle:.0f}: the machine is busy; {url} waits for a quieter run",
                file=sys.stderr,
            )
        else:
            print(f"warning: busy through {self.tries} tries; the ratio of {url} is suspect")
        return wrk(url, self.duration, connections), limit


def blocks_on(body: bytes) -> str:
    present = [name for name, marker in READER_BLOCKS.items() if marker in body]
    return ", ".join(present) or "none"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--ghost", action="store_true", help="also run the Ghost reference")
    parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian")
    parser.add_argument("--tries", type=int, default=3, help="runs of a pair on a busy machine")
    args = parser.parse_args()

    site, embedded = Site(args.server), Site(args.server, embedded=True)
    article = site.set_up()
    embedded_article = embedded.set_up()
    pages = {
        "article": article,
        "home": "/ru/",
        "section": article.rstrip("/").rsplit("/", 1)[0] + "/",
    }
    cached, uncached, embedded_cached = site.serve(True), site.serve(False), embedded.serve(True)
    nginx = None
    results: dict[str, tuple[tuple[float, float, float], float | None]] = {}
    try:
        for url in (cached + article, embedded_cached + embedded_article,
                    *(uncached + path for path in pages.values())):  # fmt: skip
            wait_for(url)
        body = urllib.request.urlopen(cached + article).read()
        nginx_url, nginx = nginx_serving(body)
        wait_for(nginx_url)
        reference = Reference(nginx_url, args.duration, args.tries)
        results["hit, PostgreSQL + Redis"] = reference.paired(cached + article)
        results["hit, embedded (SQLite)"] = reference.paired(embedded_cached + embedded_article)
        for name, path in pages.items():
            results[f"render, {name}"] = reference.paired(uncached + path)
        results["render, article, 1 conn"] = reference.paired(uncached + article, connections=1)
        shown = {name: blocks_on(urllib.request.urlopen(uncached + path).read())
                 for name, path in pages.items()}  # fmt: skip
    finally:
        if nginx:
            nginx.terminate()
        site.tear_down()
        embedded.tear_down()
    ghost = ghost_figure() if args.ghost else None
    report(results, ghost, reference.idle, shown, len(body), args)


def report(
    results: dict,
    ghost: tuple | None,
    idle: float,
    shown: dict[str, str],
    size: int,
    args: argparse.Namespace,
) -> None:
    print(f"seed article, {size} bytes, wrk -t2 -c50 -d{args.duration}s, {args.server}")
    print(f"nginx, same bytes, best of the run: {idle:.0f} req/s")
    print(f"{'target':<26} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'nginx':>8} {'ratio':>6}")
    for name, ((rps, p50, p99), limit) in results.items():
        print(f"{name:<26} {rps:>9.0f} {p50:>7.2f} {p99:>7.2f} {limit:>8.0f} {rps / limit:>6.3f}")
    for name, blocks in shown.items():
        print(f"blocks on the {name}: {blocks}")
    (hit, _, hit_p99), limit = results["hit, embedded (SQLite)"]
    print(f"embedded hit / nginx: {hit / limit:.3f} (target >= 0.7), p99 {hit_p99:.1f} ms (< 20)")
    (_, p50, _), _ = results["render, article, 1 conn"]
    print(f"article render p50 at one connection: {p50:.2f} ms (target < 3)")
    if ghost:
        print(f"Ghost article: {ghost[0]:.0f} req/s")
        for name in ("article", "home", "section"):
            (rps, _, _), _ = results[f"render, {name}"]
            print(f"render {name} / Ghost article: {rps / ghost[0]:.1f} (target >= 5)")


if __name__ == "__main__":
    main()
