"""An idle `bigasia worker` rests instead of polling, yet a task enqueued by another process
runs at once (a datagram on SQLite, NOTIFY on PostgreSQL), periodic jobs still run on time,
and SIGTERM still ends it cleanly. The worker here polls the queue only every five minutes:
within the tests' deadlines, only a wake-up can make it run a task."""

import signal
import socket

import pytest

from tests.scratch import QUIET_PERIODIC_JOBS, on_postgres, wait_until

QUEUE_EMPTY = (
    "from django_tasks.base import TaskResultStatus as S;"
    "from django_tasks_db.models import DBTaskResult as R;"
    "print(not R.objects.filter(status__in=[S.READY, S.RUNNING]).exists())"
)
NO_JOB_DUE_SOON = (
    "from datetime import timedelta; from django.utils import timezone;"
    "from bigasia.core.models import PeriodicJob;"
    "print(not PeriodicJob.objects.filter(next_run_at__lt=timezone.now()"
    " + timedelta(minutes=2)).exists())"
)
PUBLISH_FINISHED = (
    "from bigasia.core.models import PeriodicJob;"
    "print(PeriodicJob.objects.get(name='bigasia.core.tasks.publish_scheduled_pages')"
    ".last_finished_at)"
)


ALL_JOBS_DUE = (
    "from django.utils import timezone; from bigasia.core.models import PeriodicJob;"
    "PeriodicJob.objects.update(next_run_at=timezone.now())"
)


@pytest.fixture
def site(scratch_site):
    """The scratch site on its database queue (in the scale-out pass PostgreSQL's, not
    Redis's), for the worker and for the processes that enqueue."""
    saved, running = scratch_site.env, list(scratch_site.processes)
    scratch_site.env = {**saved, "TASKS_BACKEND": "database"}
    yield scratch_site
    # Only this test's workers: the session's server of the same site serves other tests.
    for process in scratch_site.processes:
        if process not in running and process.poll() is None:
            scratch_site.stop(process)
    # Its workers left every job an hour away: later tests' workers would wait that long.
    scratch_site.python(ALL_JOBS_DUE)
    scratch_site.env = saved


def has_heartbeat(site, worker) -> bool:
    name = f"{socket.gethostname()}:{worker.pid}"
    code = (
        "from bigasia.core.models import WorkerBeat as B;"
        f"print(B.objects.filter(worker={name!r}).exists())"
    )
    return site.python(code) == "True"


def resting_worker(site, **env: str):
    """A worker that polls the queue every 300 s at most, once its start-up work is done.
    At normal CPU priority: at SCHED_IDLE a busy test machine would starve it. Every job is
    made due first (earlier workers of the shared site left some a few seconds away), so
    the worker's first claims push them all an hour or more away."""
    site.python(ALL_JOBS_DUE)
    settings = {
        **QUIET_PERIODIC_JOBS,
        "WORKER_IDLE_POLL_MAX": "600",
        "WORKER_CPU_PRIORITY": "normal",
    }
    worker = site.spawn("worker", "--interval", "300", **{**settings, **env})

    def started() -> bool:
        return (
            worker.poll() is None
            and has_heartbeat(site, worker)
            and site.python(QUEUE_EMPTY) == "True"
        )

    assert wait_until(started, timeout=120), output(worker)
    return worker


def output(worker) -> str:
    if worker.poll() is None:
        return "(the worker is still running)"
    return worker.stdout.read()[-3000:]


def status_of(site, task_id: str) -> str:
    return site.python(
        "from bigasia.readership.tasks import prune_hourly_views as t;"
        f"print(t.get_result({task_id!r}).status)"
    )


def test_a_resting_worker_runs_a_task_enqueued_by_another_process_at_once(site):
    worker = resting_worker(site)
    # Else a periodic job's enqueue (the worker waking itself) could run the task instead.
    assert wait_until(lambda: site.python(NO_JOB_DUE_SOON) == "True", timeout=60), (
        "a periodic job stays due within minutes"
    )
    task_id = site.python(
        "from bigasia.readership.tasks import prune_hourly_views as t; print(t.enqueue().id)"
    )
    database = "PostgreSQL" if on_postgres() else "SQLite"
    assert wait_until(lambda: status_of(site, task_id) == "SUCCESSFUL", timeout=60), (
        f"{database}: the task still waits; {output(worker)}"
    )


def test_periodic_jobs_run_on_time_while_the_queue_rests(site):
    # An earlier worker of the shared site left the next run an hour away (an interval
    # applies from the next claim on): resting_worker makes it due now.
    resting_worker(site, PUBLISH_SCHEDULED_EVERY="1")
    seen: set[str] = set()

    def runs_seen() -> int:
        seen.add(site.python(PUBLISH_FINISHED))
        return len(seen)

    # Each run goes through the queue: the scheduler's enqueue wakes the resting loop.
    assert wait_until(lambda: runs_seen() >= 4, timeout=60), f"runs ended at {sorted(seen)}"


def test_sigterm_ends_a_resting_worker_cleanly(site):
    worker = resting_worker(site)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0, output(worker)
    assert not has_heartbeat(site, worker), "the worker left its heartbeat behind"
    sockets = (site.data_dir / "worker-wakeups").glob(f"{worker.pid}-*.sock")
    assert not list(sockets), "the worker left its wake-up socket behind"
