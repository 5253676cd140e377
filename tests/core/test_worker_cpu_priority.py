"""`bigasia worker` takes the CPU priority WORKER_CPU_PRIORITY names, in every thread it runs
(the task loop and the periodic scheduler), so app servers on the same host come first; junk
in the variable stops the process at start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch import wait_until


def thread_ids(pid: int) -> list[int]:
    return [int(name) for name in os.listdir(f"/proc/{pid}/task")]


def settled(pid: int, check) -> bool:
    """True once the worker has started its scheduler thread and every thread passes."""
    try:
        threads = thread_ids(pid)
        return len(threads) >= 2 and all(check(tid) for tid in threads)
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.parametrize(
    ("priority", "check"),
    [
        ("idle", lambda tid: os.sched_getscheduler(tid) == os.SCHED_IDLE),
        ("low", lambda tid: os.getpriority(os.PRIO_PROCESS, tid) == 10),
        ("normal", lambda tid: os.getpriority(os.PRIO_PROCESS, tid) == os.getpriority(
            os.PRIO_PROCESS, 0) and os.sched_getscheduler(tid) == os.SCHED_OTHER),
    ],
)  # fmt: skip
def test_it_runs_every_worker_thread_at_the_chosen_priority(scratch_site, priority, check):
    worker = scratch_site.spawn("worker", "--tick", "0.2", WORKER_CPU_PRIORITY=priority)
    try:
        assert wait_until(lambda: settled(worker.pid, check), timeout=60), (
            f"worker threads at {priority!r}: policies "
            f"{[os.sched_getscheduler(t) for t in thread_ids(worker.pid)]}, nice "
            f"{[os.getpriority(os.PRIO_PROCESS, t) for t in thread_ids(worker.pid)]}"
        )
    finally:
        scratch_site.stop(worker)


def test_it_refuses_an_unknown_priority_at_start():
    env = {
        **os.environ,
        "WORKER_CPU_PRIORITY": "fast",
        "DJANGO_SETTINGS_MODULE": "bigasia.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bigasia.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parent,
    )
    assert result.returncode != 0
    assert "WORKER_CPU_PRIORITY='fast' is not valid: use one of idle, low, normal" in result.stderr
