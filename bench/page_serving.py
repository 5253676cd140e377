"""Serving the seed article: nginx (the limit) vs the edge-cache hit vs a full render.

One run on this machine, wrk at 50 connections against each target in turn:
  1. nginx serving the exact bytes of the seed article page from a file;
  2. the production server (`bigasia serve --production`: granian, or gunicorn with
     --server gunicorn; PostgreSQL + Redis) — cache hit;
  3. the same with the edge cache off — a full render every request;
  4. optionally Ghost with the same article (../shared/bench/ghost_vs_nginx.sh), --ghost.
Prints requests/s and p50/p99 for each and the ratios 2/1, 2/4 and 3/4.

Usage: .venv/bin/python -m bench.page_serving [--duration 10] [--ghost] [--server gunicorn]
Needs wrk and nginx (Debian packages) and PostgreSQL + Redis on 127.0.0.1.
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
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d3s", url], capture_output=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
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
        self.db = f"bigasia_bench_{uuid.uuid4().hex[:8]}"
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--ghost", action="store_true", help="also run the Ghost reference")
    parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian")
    args = parser.parse_args()

    site = Site(args.server)
    path = site.set_up()
    cached, uncached = site.serve(edge=True), site.serve(edge=False)
    nginx = None
    try:
        wait_for(cached + path)
        wait_for(uncached + path)
        body = urllib.request.urlopen(cached + path).read()
        nginx_url, nginx = nginx_serving(body)
        wait_for(nginx_url)
        results = {
            "1 nginx, same bytes": wrk(nginx_url, args.duration),
            "2 cache hit": wrk(cached + path, args.duration),
            "3 full render": wrk(uncached + path, args.duration),
        }
    finally:
        if nginx:
            nginx.terminate()
        site.tear_down()
    if args.ghost and (ghost := ghost_figure()):
        results["4 Ghost"] = ghost

    print(f"seed article, {len(body)} bytes, wrk -t2 -c50 -d{args.duration}s, {args.server}")
    print(f"{'target':<22} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
    for name, (rps, p50, p99) in results.items():
        print(f"{name:<22} {rps:>10.0f} {p50:>8.2f} {p99:>8.2f}")
    hit, limit = results["2 cache hit"][0], results["1 nginx, same bytes"][0]
    print(f"ratio 2/1 (hit / nginx): {hit / limit:.3f} (target >= 0.25)")
    if "4 Ghost" in results:
        ghost = results["4 Ghost"][0]
        print(f"ratio 2/4 (hit / Ghost): {hit / ghost:.1f} (target >= 30)")
        render = results["3 full render"][0]
        print(f"ratio 3/4 (render / Ghost): {render / ghost:.1f} (target >= 3)")
    print(f"hit p99: {results['2 cache hit'][2]:.1f} ms (target < 50)")


if __name__ == "__main__":
    main()
