"""One newsletter issue to N subscribers through the delivery engine, scale-out setup.

A throw-away PostgreSQL database, Redis (its own key prefix), 2 `bigasia worker` processes
and Postfix's `smtp-sink` on loopback, which writes every message it accepts to a file (the
Message-ID log). Two sends of the same issue size:
  1. undisturbed: messages/s from "send now" to the last delivery, peak RSS per worker;
  2. one worker killed with SIGKILL at 10 random points of the send and restarted at once:
     the sink must hold exactly one message per subscriber (Message-IDs are derived from
     issue and subscriber, so a duplicate or a gap shows in the log).
Targets: >= 1,000 messages/s, < 200 MB peak RSS per worker.

Usage: .venv/bin/python -u -m bench.newsletter_send [--subscribers 100000] [--kills 10]
Needs smtp-sink (Debian's postfix package), PostgreSQL and Redis on 127.0.0.1.
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg

from ._process_site import ProcessSite

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/10")
DB_NAME = os.environ.get("BENCH_DB", "bigasia_bench_newsletters")
TARGET_RATE, TARGET_MB = 1000.0, 200.0
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.I | re.M)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True)


class Setup(ProcessSite):
    def __init__(self, data_dir: Path, sink_port: int) -> None:
        super().__init__(
            data_dir,
            DATABASE_URL=f"{PG}/{DB_NAME}",
            REDIS_URL=REDIS,
            CACHE_KEY_PREFIX="bench-nl-" + uuid.uuid4().hex[:8],
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink_port),
            NEWSLETTERS_RATE_PER_SECOND=os.environ.get("NEWSLETTERS_RATE_PER_SECOND", "20000"),
            NEWSLETTERS_BATCH_SIZE="500",
            NEWSLETTERS_PARALLEL_BATCHES="4",
            NEWSLETTERS_LEASE_SECONDS="6",
            NEWSLETTERS_TEND_EVERY="1",
        )
        self.workers: list[subprocess.Popen] = []

    def spawn_worker(self) -> subprocess.Popen:
        worker = super().spawn_worker()
        self.workers.append(worker)
        return worker


SEED = """
from django.db import connection
from bigasia.newsletters.models import Newsletter
n = Newsletter.objects.create(name="Bench digest", slug="bench-digest", language="ru")
with connection.cursor() as c:
    c.execute(
        "INSERT INTO newsletters_subscriber (email, name, language, status, suppression,"
        " token_nonce, created_at, confirmed_at)"
        " SELECT 'reader' || g || '@bench.example', 'Reader ' || g, 'ru', 'confirmed', '',"
        " md5(g::text), now(), now() FROM generate_series(1, %s) g", [{count}])
    c.execute(
        "INSERT INTO newsletters_subscription (subscriber_id, newsletter_id, active, created_at)"
        " SELECT id, %s, true, now() FROM newsletters_subscriber", [n.pk])
print(n.pk)
"""
START = """
from bigasia.newsletters.models import Issue
from bigasia.newsletters.lifecycle import start_sending
issue = Issue.objects.create(newsletter_id={newsletter}, subject="Bench issue {run}")
start_sending(issue)
print(issue.pk)
"""


def query(sql: str, *params) -> list[tuple]:
    """Progress is read with psycopg, not through a Django shell per poll (which would load
    the CPU the workers are measured on)."""
    with psycopg.connect(f"{PG}/{DB_NAME}", autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def progress(issue: int) -> tuple[str, int]:
    status = query("SELECT status FROM newsletters_issue WHERE id = %s", issue)[0][0]
    done = query(
        "SELECT count(*) FROM newsletters_delivery WHERE issue_id = %s"
        " AND status IN ('sent', 'failed', 'skipped')", issue,
    )[0][0]  # fmt: skip
    return status, done


def send_seconds(issue: int) -> float:
    """From "send now" to the last delivery, as the engine recorded them."""
    return query(
        "SELECT extract(epoch FROM finished_at - started_at) FROM newsletters_issue"
        " WHERE id = %s", issue,
    )[0][0]  # fmt: skip


def peak_rss_mb(process: subprocess.Popen) -> float:
    """VmHWM of the worker and its children (db_worker runs in the same process)."""
    try:
        text = Path(f"/proc/{process.pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    return int(re.search(r"VmHWM:\s+(\d+)", text).group(1)) / 1024


def run_send(setup: Setup, newsletter: int, total: int, run: str, kills: int) -> dict:
    points = sorted(random.sample(range(total // 20, total * 19 // 20), kills)) if kills else []
    started = time.monotonic()
    issue = int(setup.python(START.format(newsletter=newsletter, run=run)))
    peaks: dict[int, float] = {}
    killed = 0
    while True:
        status, done = progress(issue)
        for worker in setup.workers:
            if worker.poll() is None:
                peaks[worker.pid] = max(peaks.get(worker.pid, 0.0), peak_rss_mb(worker))
        if status == "sent":
            break
        while points and done >= points[0]:
            points.pop(0)
            victim = setup.workers[0]
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            setup.workers.remove(victim)
            setup.spawn_worker()
            killed += 1
            print(f"  SIGKILL at {done:,} of {total:,} ({time.strftime('%H:%M:%S')});"
                  " worker restarted", flush=True)  # fmt: skip
        if time.monotonic() - started > 3600:
            raise SystemExit("the send did not finish within an hour")
        time.sleep(0.5)
    return {"issue": issue, "elapsed": float(send_seconds(issue)), "peaks": peaks, "killed": killed}


def sink_message_ids(dump: Path) -> Counter:
    counts = Counter()
    for path in dump.rglob("*"):
        if path.is_file():
            head = path.read_bytes()[:8192]
            found = MESSAGE_ID.search(head)
            counts[found.group(1).decode() if found else f"(none:{path.name})"] += 1
    return counts


def verdict(issue: int, total: int, dump: Path) -> bool:
    expected = {
        row[0]
        for row in query(
            "SELECT message_id FROM newsletters_delivery WHERE issue_id = %s AND status = 'sent'",
            issue,
        )
    }
    received = sink_message_ids(dump)
    duplicates = sum(1 for n in received.values() if n > 1)
    missing = len(expected - set(received))
    strangers = len(set(received) - expected)
    ok = len(expected) == total and duplicates == 0 and missing == 0 and strangers == 0
    for message_id in sorted(expected - set(received))[:20]:
        # What the engine recorded for a message the sink never saw: the way to the cause.
        row = query(
            "SELECT id, status, attempts, smtp_code, last_error, sent_at FROM newsletters_delivery"
            " WHERE issue_id = %s AND message_id = %s", issue, message_id,
        )  # fmt: skip
        print(f"  missing {message_id}: {row}", flush=True)
    print(f"  sink: {sum(received.values()):,} messages, {len(received):,} distinct Message-IDs;"
          f" recorded sent {len(expected):,} of {total:,}; duplicates {duplicates},"
          f" missing {missing}, unexpected {strangers} -> {'EXACTLY ONCE' if ok else 'FAIL'}",
          flush=True)  # fmt: skip
    return ok


def start_sink(port: int, dump: Path) -> subprocess.Popen:
    dump.mkdir(parents=True, exist_ok=True)
    # One directory per second keeps the sink's random file names from colliding.
    return subprocess.Popen(
        ["smtp-sink", "-u", os.environ.get("USER", "root"), "-d", f"{dump}/%H%M%S/m.",
         "-c", f"127.0.0.1:{port}", "1000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def report(title: str, result: dict, total: int) -> None:
    rate = total / result["elapsed"]
    peak = max(result["peaks"].values(), default=0.0)
    print(f"{title}: {total:,} messages in {result['elapsed']:.1f} s = {rate:,.0f} msg/s"
          f" (target {TARGET_RATE:,.0f}: {rate / TARGET_RATE:.2f}x); peak RSS per worker"
          f" {peak:.0f} MB (target < {TARGET_MB:.0f}: {peak / TARGET_MB:.2f}x)",
          flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("smtp-sink"):
        raise SystemExit("smtp-sink is missing: apt-get install postfix")
    data_dir = Path(tempfile.mkdtemp(prefix="bigasia-bench-nl-"))
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    sink = None
    setup = None
    try:
        sink_port = free_port()
        setup = Setup(data_dir, sink_port)
        setup.bigasia("migrate", "--no-input")
        newsletter = int(setup.python(SEED.replace("{count}", str(args.subscribers))))
        print(f"{args.subscribers:,} confirmed subscribers; {args.workers} workers", flush=True)
        for _ in range(args.workers):
            setup.spawn_worker()
        ok = True
        for run, kills in (("undisturbed", 0), ("killed", args.kills)):
            dump = data_dir / f"sink-{run}"
            sink = start_sink(sink_port, dump)
            time.sleep(0.5)
            result = run_send(setup, newsletter, args.subscribers, run, kills)
            sink.terminate()
            sink.wait()
            report(f"{run} ({result['killed']} SIGKILLs)", result, args.subscribers)
            ok = verdict(result["issue"], args.subscribers, dump) and ok
        sys.exit(0 if ok else 1)
    finally:
        for worker in setup.workers if setup else []:
            worker.terminate()
        if sink is not None and sink.poll() is None:
            sink.terminate()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
