"""`make test`: the whole suite in both modes the platform runs in.

1. Embedded: SQLite and the in-process cache, browser tests included.
2. Scale-out: PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL, defaulting to the
   services on 127.0.0.1). If they are unreachable the pass is skipped with a reason, except
   under CI=true, where a missing service fails the run.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest"]


def run(label: str, env_overrides: dict[str, str], extra: list[str]) -> int:
    print(f"\n=== {label} ===", flush=True)
    env = {**os.environ, **env_overrides}
    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in env_overrides:
            env.pop(name, None)
    return subprocess.call([*PYTEST, *extra, *sys.argv[1:]], cwd=ROOT, env=env)


def main() -> int:
    embedded = run("embedded mode: SQLite + in-process cache", {}, [])
    scale_out = run(
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
    )
    return max(embedded, scale_out)


if __name__ == "__main__":
    sys.exit(main())
