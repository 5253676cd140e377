"""Beacon throughput against nginx answering 204, and exactness of N distinct readers.

One run on this machine, production setup (PostgreSQL + Redis, `bigasia serve --production`:
granian — or gunicorn with --server gunicorn — with workers fitted to the cores; beacons are
answered by the readership front layer before Django's routing), then:
  1. wrk POSTs beacons to nginx `return 204` (the limit) and to the app, every request a
     distinct reader (own X-Real-IP; one of 40 browser User-Agents, as real traffic repeats
     a few agents), so every one is counted: req/s, p50, p99, and the app's rate as a share
     of nginx's;
  2. exactness: N beacons from N distinct readers sent concurrently, then the same N again
     (replays); after the flush and the Redis→database move the article has exactly N more.

Usage: .venv/bin/python -m bench.readership_beacons [--duration 10] [--readers 20000]
       [--server gunicorn]
Needs wrk and nginx (Debian packages) and PostgreSQL + Redis on 127.0.0.1.
"""

import argparse
import http.client
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.page_serving import Site, _latency, free_port, wait_for

LUA = """
local counter = 0
local thread_id = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) thread_id = tonumber(tid) end
request = function()
  counter = counter + 1
  local n = thread_id * 10000000 + counter
  local ip = "10." .. (n % 250) .. "." .. (math.floor(n / 250) % 250)
    .. "." .. (math.floor(n / 62500) % 250)
  local agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0." .. (n % 40) .. ".0 Safari/537.36"
  return wrk.format("POST", "PATH", {["User-Agent"] = agent, ["X-Real-IP"] = ip})
end
"""
APP_ENV = {
    "TRUSTED_PROXIES": "127.0.0.1",  # the bench client stands in for nginx: X-Real-IP
    "READERSHIP_RATE_PER_MINUTE": "1000000000",
    "READERSHIP_MOVE_EVERY": "1",
}


def nginx_204() -> tuple[str, subprocess.Popen]:
    root = Path(tempfile.mkdtemp(prefix="bigasia-nginx-204-"))
    root.chmod(0o755)
    port = free_port()
    (root / "nginx.conf").write_text(f"""daemon off; worker_processes 1; pid {root}/nginx.pid;
error_log {root}/error.log warn; events {{ worker_connections 1024; }}
http {{ access_log off; keepalive_requests 1000000;
  client_body_temp_path {root}/t1; proxy_temp_path {root}/t2; fastcgi_temp_path {root}/t3;
  uwsgi_temp_path {root}/t4; scgi_temp_path {root}/t5;
  server {{ listen 127.0.0.1:{port}; location / {{ return 204; }}
    location = /ok {{ return 200 "ok"; }} }} }}
""")
    process = subprocess.Popen(["nginx", "-p", str(root), "-c", str(root / "nginx.conf")])
    return f"http://127.0.0.1:{port}", process


def wrk_post(base: str, path: str, duration: int) -> tuple[float, float, float]:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LUA.replace("PATH", path))
    command = ["wrk", "-t2", "-c50", "-s", str(script), "--latency", base + path]
    subprocess.run([*command, "-d2s"], capture_output=True, check=True)  # warm-up
    out = subprocess.run(
        [*command, f"-d{duration}s"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, _latency(out, "50%"), _latency(out, "99%")


def send(base: str, path: str, readers: range) -> int:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    answered = 0
    for n in readers:
        headers = {
            "User-Agent": f"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.{n % 40}.0 Safari/537.36",
            "X-Real-IP": f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250}",
        }
        connection.request("POST", path, headers=headers)
        response = connection.getresponse()
        response.read()
        answered += response.status == 204
    return answered


def concurrent_readers(base: str, path: str, total: int, clients: int = 16) -> int:
    per = total // clients
    with ThreadPoolExecutor(clients) as pool:
        parts = [range(i * per, (i + 1) * per) for i in range(clients)]
        return sum(pool.map(lambda r: send(base, path, r), parts))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--readers", type=int, default=20000)
    parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian")
    args = parser.parse_args()
    site = Site(args.server)
    site.env.update(APP_ENV)
    nginx = None
    try:
        site.set_up()
        page_id = site.newest_article_id()
        worker = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "worker"], env=site.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        site.processes.append(worker)
        app = site.serve(edge=False)
        wait_for(app + "/r/counts.json?ids=1")
        nginx_url, nginx = nginx_204()
        wait_for(nginx_url + "/ok")
        path = f"/r/v/{page_id}"
        n_rps, n_p50, n_p99 = wrk_post(nginx_url, path, args.duration)
        a_rps, a_p50, a_p99 = wrk_post(app, path, args.duration)
        print(f"nginx 204      {n_rps:9.0f} req/s  p50 {n_p50:6.2f} ms  p99 {n_p99:6.2f} ms")
        print(f"beacon (app)   {a_rps:9.0f} req/s  p50 {a_p50:6.2f} ms  p99 {a_p99:6.2f} ms")
        print(f"ratio app/nginx {a_rps / n_rps:.3f} (target >= 0.25; >= 5,000/s, p99 < 20 ms)")

        count = (
            "from bigasia.readership.models import ArticleViews;"
            f"row = ArticleViews.objects.filter(page_id={page_id}).first();"
            "print(row.views if row else 0)"
        )
        time.sleep(4)
        before = int(site.manage("shell", "--no-imports", "-c", count).strip())
        readers = args.readers - args.readers % 16
        started = time.monotonic()
        answered = concurrent_readers(app, f"/r/v/{page_id}", readers)
        replays = concurrent_readers(app, f"/r/v/{page_id}", readers)
        elapsed = time.monotonic() - started
        time.sleep(5)  # a flush (1 s) and a Redis→database move (1 s), with margin
        after = int(site.manage("shell", "--no-imports", "-c", count).strip())
        print(
            f"exactness: {readers} readers + {readers} replays ({answered}+{replays} × 204 "
            f"in {elapsed:.1f} s) -> +{after - before} views; exact: {after - before == readers}"
        )
    finally:
        if nginx is not None:
            nginx.terminate()
        site.tear_down()


if __name__ == "__main__":
    main()
