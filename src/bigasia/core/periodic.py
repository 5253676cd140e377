"""The one scheduler for periodic background work (scheduled publishing, later feed polls,
view flushes, digests).

A job is a django-tasks Task plus an interval. Every worker process ticks when the next job
falls due (`run_due` says when that is) and at least every WORKER_HEARTBEAT_EVERY seconds; a
due job is claimed with a conditional UPDATE and only the claimant enqueues it, so any number
of workers on any number of hosts enqueue each run exactly once.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks.base import Task

from .models import PeriodicJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    task: Task[Any, Any]
    interval_seconds: Callable[[], int]
    # A cheap check that the run has anything to do; None: always run. A run with nothing
    # to do is claimed and counted as finished, but no task goes through the queue for it
    # (a task's round trip costs the worker several queries; at rest every few seconds,
    # that was most of an idle worker's cost).
    has_work: Callable[[], bool] | None = None

    @property
    def name(self) -> str:
        return self.task.module_path


_jobs: dict[str, Job] = {}


def every(
    interval_seconds: Callable[[], int], has_work: Callable[[], bool] | None = None
) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Register a task to run periodically; the interval is read from settings at each claim.
    `has_work`, if given, is asked before each run (see Job)."""

    def register(task: Task[Any, Any]) -> Task[Any, Any]:
        job = Job(task=task, interval_seconds=interval_seconds, has_work=has_work)
        _jobs[job.name] = job
        return task

    return register


def registered_jobs() -> list[Job]:
    return list(_jobs.values())


def claim(job: Job, now: datetime, nothing_to_do: bool = False) -> bool:
    """Move the job's next run forward if it is due; True if this caller won the claim.
    A run with nothing to do is recorded as finished at once (for /readyz, it kept up)."""
    # The filter on next_run_at makes the UPDATE a compare-and-set: when two workers see the
    # same due job, the database lets only one of them move next_run_at, so the run is
    # enqueued once rather than once per worker.
    marks: dict[str, Any] = {"last_finished_at": now} if nothing_to_do else {}
    won = PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + timedelta(seconds=job.interval_seconds()), last_enqueued_at=now,
        **marks,
    )  # fmt: skip
    return won == 1


@dataclass(frozen=True)
class Tick:
    enqueued: list[str]  # the jobs this process claimed and enqueued
    next_due_at: datetime | None  # when the next job falls due (None: no job registered)


def _next_runs(now: datetime) -> dict[str, datetime]:
    """Each registered job's next run, read in one query (plus an INSERT only when a job is
    new), so an idle tick costs the same however many jobs are registered."""
    runs = dict(PeriodicJob.objects.filter(name__in=list(_jobs)).values_list("name", "next_run_at"))
    if new := [name for name in _jobs if name not in runs]:
        # Two workers may both see the job as new: the second insert is ignored.
        PeriodicJob.objects.bulk_create(
            [PeriodicJob(name=name, next_run_at=now) for name in new], ignore_conflicts=True
        )
        runs.update(dict.fromkeys(new, now))
    return runs


def run_due(now: datetime | None = None) -> Tick:
    """Enqueue every due job this process managed to claim, and say when the next is due,
    so the scheduler can sleep until then."""
    now = now or timezone.now()
    enqueued = []
    later = []
    for name, next_run_at in _next_runs(now).items():
        job = _jobs[name]
        if next_run_at > now:
            later.append(next_run_at)
            continue
        # Won or lost, the job's next run is now about one interval away: whoever won the
        # claim moved it there.
        later.append(now + timedelta(seconds=job.interval_seconds()))
        if job.has_work is not None and not job.has_work():
            claim(job, now, nothing_to_do=True)
        elif claim(job, now):
            job.task.enqueue()
            enqueued.append(job.name)
            logger.debug("enqueued periodic job %s", job.name)
    return Tick(enqueued=enqueued, next_due_at=min(later, default=None))


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every due job this process managed to claim; returns their names."""
    return run_due(now).enqueued
