"""`make test`: the whole suite in both modes the platform runs in, the two passes at once.

1. Embedded: SQLite and the in-process cache, browser tests included.
2. Scale-out: PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL, defaulting to the
   services on 127.0.0.1). If they are unreachable the pass is skipped with a reason, except
   under CI=true, where a missing service fails the run.

The passes share nothing (each has its own databases, temporary folders, ports and pytest
cache), and each spends much of its time waiting on processes it started (app servers,
workers, `bigasia` commands), so on two cores they run side by side. Each writes to a log of
its own (test-output/<pass>.log); the logs are printed whole, one after the other, when both
have ended, and the exit status is the worse of the two.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest"]
LOGS = ROOT / "test-output"


@dataclass
class Pass:
    name: str
    label: str
    env_overrides: dict[str, str]
    extra: list[str]


PASSES = [
    Pass("embedded", "embedded mode: SQLite + in-process cache", {}, []),
    Pass(
        "scale-out",
        "scale-out mode: PostgreSQL + Redis",
        {
            "DATABASE_URL": os.environ.get(
                "TEST_DATABASE_URL", "postgres://root@127.0.0.1:5432/test"
            ),
            "REDIS_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9"),
            "BIGASIA_SCALE_OUT_PASS": "1",
        },
        # The browser only proves the page in a real engine, and db_independent tests touch
        # neither backend: once is enough for both.
        ["-m", "not browser and not db_independent"],
    ),
]


def start(run: Pass, log) -> subprocess.Popen:
    env = {**os.environ, **run.env_overrides}
    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in run.env_overrides:
            env.pop(name, None)
    # A cache folder each: two sessions writing one lastfailed file would garble it.
    cache = ["-o", f"cache_dir=.pytest_cache/{run.name}"]
    command = [*PYTEST, *cache, *run.extra, *sys.argv[1:]]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def main() -> int:
    LOGS.mkdir(exist_ok=True)
    started = time.monotonic()
    logs = {run.name: LOGS / f"{run.name}.log" for run in PASSES}
    running = []
    for run in PASSES:
        with logs[run.name].open("wb") as log:  # the child keeps its own copy of the file
            running.append((run, start(run, log)))
    print(f"Both passes running; logs in {LOGS.relative_to(ROOT)}/", flush=True)
    statuses: dict[str, int] = {}
    while len(statuses) < len(running):
        for run, process in running:
            if run.name not in statuses and (status := process.poll()) is not None:
                statuses[run.name] = status
                minutes = (time.monotonic() - started) / 60
                print(f"{run.name} pass: status {status} after {minutes:.1f} min", flush=True)
        time.sleep(1)
    for run, _process in running:
        print(f"\n=== {run.label} ===", flush=True)
        sys.stdout.buffer.write(logs[run.name].read_bytes())
        sys.stdout.flush()
    return max(statuses.values())


if __name__ == "__main__":
    sys.exit(main())
