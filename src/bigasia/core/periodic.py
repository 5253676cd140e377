"""The one scheduler for periodic background work (scheduled publishing, later feed polls,
view flushes, digests).

A job is a django-tasks Task plus an interval. Every worker process runs `tick()` about once a
second; a due job is claimed with a conditional UPDATE and only the claimant enqueues it, so
any number of workers on any number of hosts enqueue each run exactly once.
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

    @property
    def name(self) -> str:
        return self.task.module_path


_jobs: dict[str, Job] = {}


def every(interval_seconds: Callable[[], int]) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Register a task to run periodically; the interval is read from settings at each claim."""

    def register(task: Task[Any, Any]) -> Task[Any, Any]:
        job = Job(task=task, interval_seconds=interval_seconds)
        _jobs[job.name] = job
        return task

    return register


def registered_jobs() -> list[Job]:
    return list(_jobs.values())


def claim(job: Job, now: datetime) -> bool:
    """Move the job's next run forward if it is due; True if this caller won the claim."""
    # The filter on next_run_at makes the UPDATE a compare-and-set: when two workers see the
    # same due job, the database lets only one of them move next_run_at, so the run is
    # enqueued once rather than once per worker.
    won = PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + timedelta(seconds=job.interval_seconds()), last_enqueued_at=now
    )
    return won == 1


def due_jobs(now: datetime) -> list[Job]:
    """The registered jobs due at `now`, found with one query rather than one per job, so an
    idle tick costs the same however many jobs are registered."""
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=name, next_run_at=now) for name in _jobs], ignore_conflicts=True
    )
    due = PeriodicJob.objects.filter(name__in=list(_jobs), next_run_at__lte=now)
    return [_jobs[name] for name in due.values_list("name", flat=True)]


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every due job this process managed to claim; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for job in due_jobs(now):
        if claim(job, now):
            job.task.enqueue()
            enqueued.append(job.name)
            logger.debug("enqueued periodic job %s", job.name)
    return enqueued
