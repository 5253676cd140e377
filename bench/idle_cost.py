"""What a site at rest costs: CPU of the development server and of `bigasia worker`, idle.

A scratch site (SQLite in a temporary DATA_DIR, migrated, no content) is served as `make run`
serves it: `bigasia devserver` (DEBUG on, the autoreloader watching the code) with the worker
it starts beside it. No request is made. Once both have started, and --settle seconds later
(the reloaders' first scan of the code and the periodic jobs' first runs are not rest), the
CPU time (utime + stime from /proc/<pid>/stat) of each process with its children is read
over --seconds: the worker (with its reloader's child) and the development server (the rest
of the tree). The reference,
measured over the same window, is an idle Python interpreter started in the same run
(ratio = figure / reference; `sleep` would cost too little to divide by).

Target: the worker under 1 % of a core. The development server has no target of its own:
its reloader must wait on inotify (watchfiles), not poll every module's mtime.

Usage: .venv/bin/python -m bench.idle_cost [--seconds 20] [--settle 60] [--data-dir DIR]
       (--data-dir: an already migrated DATA_DIR to serve, instead of migrating a new one)
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
TARGET_WORKER = 0.01  # of a core
WORKER_COMMAND = " worker --verbosity 0"  # as `bigasia devserver` starts it


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def tree(pid: int, without: int | None = None) -> list[int]:
    """`pid` and its descendants, leaving out the subtree of `without`."""
    if pid == without:
        return []
    return [pid, *(each for child in children(pid) for each in tree(child, without))]


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # ended meanwhile
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    return total


def command_of(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    # A session of its own, so that stopping it stops the reloaders' children too.
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def started(env: dict[str, str], server: subprocess.Popen, timeout: float) -> None:
    """Wait until the development server's child listens and the worker's queue loop waits
    on its wake-up socket (under the reloaders both are second processes, slow to start)."""
    wakeups = Path(env["DATA_DIR"]) / "worker-wakeups"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the development server exited ({server.returncode})")
        if listens(int(env["PORT"])) and any(wakeups.glob("*.sock")):
            return
        time.sleep(0.5)
    raise SystemExit(f"the site did not start in {timeout:.0f} s")


def listens(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def site_env(data_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    # The worker at normal priority: at SCHED_IDLE on a busy machine it would be starved,
    # its jobs late, and its cost under-counted.
    env.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.dev", DATA_DIR=data_dir, DEBUG="1",
        PORT=str(free_port()), WORKER_CPU_PRIORITY="normal",
    )  # fmt: skip
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--settle", type=float, default=60.0)
    parser.add_argument("--data-dir", help="an already migrated DATA_DIR")
    args = parser.parse_args()
    env = site_env(args.data_dir or tempfile.mkdtemp(prefix="bigasia-idle-"))
    bigasia = [sys.executable, "-m", "bigasia.cli"]
    if not args.data_dir:
        migrate = [*bigasia, "migrate", "--no-input"]
        subprocess.run(migrate, env=env, check=True, capture_output=True)
    server = start([*bigasia, "devserver"], env)
    reference = start([sys.executable, "-c", "import time; time.sleep(3600)"], env)
    try:
        started(env, server, timeout=600)
        time.sleep(args.settle)
        worker = next(p for p in tree(server.pid) if command_of(p).endswith(WORKER_COMMAND))
        groups = {
            "worker": lambda: tree(worker),
            "devserver": lambda: tree(server.pid, without=worker),
            "reference": lambda: [reference.pid],
        }
        for name, pids in groups.items():
            print(f"{name}: {'; '.join(command_of(p) for p in pids())}", file=sys.stderr)
        before = {name: cpu_seconds(pids()) for name, pids in groups.items()}
        time.sleep(args.seconds)  # the window measured
        share = {name: (cpu_seconds(pids()) - before[name]) / args.seconds
                 for name, pids in groups.items()}  # fmt: skip
    finally:
        stop(server)
        stop(reference)
    report(share, args.seconds)


def report(share: dict[str, float], seconds: float) -> None:
    # One clock tick is the resolution: below it the reference reads 0.
    floor = 1 / TICKS / seconds
    reference = max(share["reference"], floor)
    print(f"idle over {seconds:.0f} s, % of one core (reference: an idle python, "
          f"{share['reference']:.2%}; resolution {floor:.2%})")  # fmt: skip
    for name in ("worker", "devserver"):
        verdict = ""
        if name == "worker":
            verdict = "  target < 1 %: " + ("met" if share[name] < TARGET_WORKER else "MISSED")
        print(f"  {name:<10} {share[name]:6.2%}  ({share[name] / reference:.0f}× reference)"
              f"{verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
