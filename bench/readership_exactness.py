"""Exactness of view counting: N distinct readers count exactly N; replays add nothing.

For each backend — embedded (SQLite, the in-process buffer flushing into it) and scale-out
(PostgreSQL + Redis, the periodic job moving Redis counts into the database) — a scratch
production installation is served by `bigasia serve --production` and receives, through
the real beacon endpoint:
  1. N beacons from N distinct readers (own X-Real-IP each, trusted from
     127.0.0.1 through TRUSTED_PROXIES; one of 40 browser User-Agents), sent by --clients
     concurrent connections (kept alive when the server allows it);
  2. the same N beacons again (replays).
It then waits for the flush (and, scale-out, the move into the database) and reads the
article's stored total straight from the database: the run is exact when the total grew by
N after step 1 and by 0 more after step 2.

The client is a small asyncio HTTP/1.1 client, so the figure depends on the endpoint's
speed, not on the client's: most of the run time is the server's.

Usage: .venv/bin/python -u -m bench.readership_exactness [--readers 100000]
       [--backend both|embedded|scale-out] [--clients 64]
Needs PostgreSQL + Redis on 127.0.0.1 for the scale-out backend.
"""

import argparse
import asyncio
import sqlite3
import subprocess
import sys
import time

import psycopg

from bench.page_serving import PG, Site, wait_for

APP_ENV = {
    "TRUSTED_PROXIES": "127.0.0.1",  # the bench client stands in for nginx: X-Real-IP
    "READERSHIP_RATE_PER_MINUTE": "1000000000",
    "READERSHIP_MOVE_EVERY": "1",
    "EDGE_ENABLED": "0",
}


def beacon_request(path: str, reader: int) -> bytes:
    ip = f"10.{reader % 250}.{reader // 250 % 250}.{reader // 62500 % 250}"
    agent = f"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.{reader % 40}.0 Safari/537.36"
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {agent}\r\n"
        f"X-Real-IP: {ip}\r\nContent-Length: 0\r\n\r\n"
    ).encode()


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """The status of one response and whether the server keeps the connection open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines[1:] if line)
    }
    length = int(headers.get("content-length", "0"))
    if length:
        await reader.readexactly(length)
    return status, headers.get("connection", "").lower() != "close"


async def _client(port: int, path: str, readers: range, statuses: dict) -> None:
    stream = None
    for reader_number in readers:
        if stream is None:
            stream = await asyncio.open_connection("127.0.0.1", port)
        incoming, outgoing = stream
        outgoing.write(beacon_request(path, reader_number))
        await outgoing.drain()
        status, keep_alive = await _answer(incoming)
        statuses[status] = statuses.get(status, 0) + 1
        if not keep_alive:
            outgoing.close()
            stream = None
    if stream is not None:
        stream[1].close()


async def _send_all(port: int, path: str, total: int, clients: int) -> dict:
    statuses: dict[int, int] = {}
    shares = [range(n, total, clients) for n in range(clients)]
    await asyncio.gather(*(_client(port, path, share, statuses) for share in shares))
    return statuses


def send_readers(base: str, path: str, total: int, clients: int) -> tuple[dict, float]:
    port = int(base.rsplit(":", 1)[1])
    started = time.monotonic()
    statuses = asyncio.run(_send_all(port, path, total, clients))
    return statuses, time.monotonic() - started


def stored_total(site: Site, page_id: int) -> int:
    query = "SELECT views FROM readership_articleviews WHERE page_id = %s"
    if site.embedded:
        with sqlite3.connect(site.data / "bigasia.sqlite3", timeout=30) as connection:
            row = connection.execute(query.replace("%s", "?"), (page_id,)).fetchone()
    else:
        with psycopg.connect(f"{PG}/{site.db}") as connection:
            row = connection.execute(query, (page_id,)).fetchone()
    return row[0] if row else 0


def settled_total(site: Site, page_id: int, expected: int, quiet: float = 5.0) -> int:
    """The total once it reached `expected` or stopped changing for `quiet` seconds."""
    last, last_change = stored_total(site, page_id), time.monotonic()
    while time.monotonic() - last_change < quiet:
        time.sleep(0.5)
        total = stored_total(site, page_id)
        if total != last:
            last, last_change = total, time.monotonic()
        if total == expected:
            time.sleep(quiet)  # and nothing more arrives after it
            return stored_total(site, page_id)
    return last


def run_backend(embedded: bool, readers: int, clients: int) -> bool:
    name = "embedded (SQLite + in-process buffer)" if embedded else "scale-out (PostgreSQL + Redis)"
    site = Site(embedded=embedded)
    site.env.update(APP_ENV)
    try:
        site.set_up()
        page_id = site.newest_article_id()
        if not embedded:
            worker = subprocess.Popen(
                [sys.executable, "-m", "bigasia.cli", "worker"], env=site.env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            site.processes.append(worker)
        app = site.serve(edge=False)
        wait_for(app + "/r/counts.json?ids=1", timeout=300)
        path = f"/r/v/{page_id}"
        before = stored_total(site, page_id)
        first, first_s = send_readers(app, path, readers, clients)
        after_first = settled_total(site, page_id, before + readers)
        again, again_s = send_readers(app, path, readers, clients)
        after_replays = settled_total(site, page_id, after_first)
        counted, replayed = after_first - before, after_replays - after_first
        exact = counted == readers and replayed == 0
        print(f"{name}: {readers} distinct readers from {clients} connections")
        print(f"  readers: answers {first} in {first_s:.1f} s ({readers / first_s:.0f}/s)")
        print(f"  replays: answers {again} in {again_s:.1f} s ({readers / again_s:.0f}/s)")
        print(f"  counted +{counted} (expected {readers}); replays added {replayed} (expected 0)")
        print(f"  exact: {exact}")
        return exact
    finally:
        site.tear_down()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--backend", choices=("both", "embedded", "scale-out"), default="both")
    args = parser.parse_args()
    backends = {"both": (True, False), "embedded": (True,), "scale-out": (False,)}[args.backend]
    results = [run_backend(embedded, args.readers, args.clients) for embedded in backends]
    print(f"exact in {sum(results)} of {len(results)} backend(s) at N = {args.readers}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
