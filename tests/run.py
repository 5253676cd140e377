"""`make test`: the whole suite in both modes the platform runs in, the two passes at once.

1. Embedded: SQLite and the in-process cache, browser tests included.
2. Scale-out: PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL, defaulting to the
   services on 127.0.0.1). If they are unreachable the pass is skipped with a reason, except
   under CI=true, where a missing service fails the run.

The passes share nothing (their own databases, Redis key prefixes, scratch sites and ports),
and each pytest process keeps one core busy at most while much of a pass waits on servers,
workers and the browser: run side by side on two cores, they take little longer than the
longer one alone. The embedded pass prints as it goes; the scale-out pass writes to
test-output/scale-out.log, printed whole when it ends so the two never interleave.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest"]
SCALE_OUT_LOG = ROOT / "test-output" / "scale-out.log"


def start(env_overrides: dict[str, str], extra: list[str], **output) -> subprocess.Popen:
    env = {**os.environ, **env_overrides}
    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in env_overrides:
            env.pop(name, None)
    # The slowest tests of each pass in its report: where the suite's minutes go.
    command = [*PYTEST, "--durations=15", *extra, *sys.argv[1:]]
    return subprocess.Popen(command, cwd=ROOT, env=env, **output)


def main() -> int:
    SCALE_OUT_LOG.parent.mkdir(exist_ok=True)
    with SCALE_OUT_LOG.open("w") as log:
        scale_out = start(
            {
                "DATABASE_URL": os.environ.get(
                    "TEST_DATABASE_URL", "postgres://root@127.0.0.1:5432/test"
                ),
                "REDIS_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9"),
                "BIGASIA_SCALE_OUT_PASS": "1",
            },
            # The browser only proves the page in a real engine, and db_independent tests
            # touch neither backend: once is enough for both.
            ["-m", "not browser and not db_independent"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        print("=== embedded mode: SQLite + in-process cache ===", flush=True)
        print(f"(the scale-out pass runs alongside, into {SCALE_OUT_LOG})", flush=True)
        try:
            embedded = start({}, []).wait()
            scale_out.wait()
        finally:
            if scale_out.poll() is None:  # interrupted: the pass must not outlive the run
                scale_out.terminate()
                scale_out.wait()
    print("\n=== scale-out mode: PostgreSQL + Redis ===", flush=True)
    print(SCALE_OUT_LOG.read_text(), flush=True)
    return max(embedded, scale_out.returncode)


if __name__ == "__main__":
    sys.exit(main())
