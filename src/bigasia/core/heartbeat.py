"""The worker's heartbeat and the end of each periodic run, for /readyz (bigasia.ops).

A worker writes one row every WORKER_HEARTBEAT_EVERY seconds, not per tick or per job: the
scheduler ticks whenever a job falls due (every second or two for some) and a query per tick
per worker would be most of the scheduler's own load; it also ticks at least this often, so
the row stays fresh on a site at rest. The row carries the time of the last tick that
succeeded, so a scheduler whose ticks fail (database restarting) shows as stale although the
process lives.
"""

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished

from . import periodic
from .models import PeriodicJob, WorkerBeat

FORGET_AFTER = timedelta(days=1)  # rows of workers gone that long are deleted
PRUNE_EVERY = timedelta(hours=1)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeat:
    def __init__(self, every_seconds: float) -> None:
        self.name = worker_name()
        self.every = timedelta(seconds=every_seconds)
        self.last_written: datetime | None = None
        self.ticked_at: datetime | None = None
        self.pruned_at: datetime | None = None

    def ticked(self, now: datetime) -> None:
        self.ticked_at = now

    def beat(self, now: datetime | None = None) -> bool:
        """Write the row if the interval has passed; True if it was written."""
        now = now or timezone.now()
        if self.last_written is not None and now - self.last_written < self.every:
            return False
        # One UPDATE per beat on a site at rest; the row is created (and old workers' rows
        # pruned) only at this worker's first beat and once an hour after.
        found = WorkerBeat.objects.filter(worker=self.name)
        if not found.update(beat_at=now, ticked_at=self.ticked_at):
            WorkerBeat.objects.update_or_create(
                worker=self.name, defaults={"beat_at": now, "ticked_at": self.ticked_at}
            )
        if self.pruned_at is None or now - self.pruned_at >= PRUNE_EVERY:
            WorkerBeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
            self.pruned_at = now
        self.last_written = now
        return True

    def stop(self) -> None:
        """A worker stopped cleanly leaves no row to be mistaken for a live one."""
        WorkerBeat.objects.filter(worker=self.name).delete()


def latest_beat() -> tuple[datetime | None, datetime | None]:
    """The newest heartbeat and the newest scheduler tick of any worker."""
    found = WorkerBeat.objects.aggregate(beat=Max("beat_at"), tick=Max("ticked_at"))
    return found["beat"], found["tick"]


@receiver(task_finished)
def _record_periodic_run_finished(
    sender: type[BaseTaskBackend], task_result: TaskResult[Any], **kwargs: Any
) -> None:
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    name = task_result.task.module_path
    if any(job.name == name for job in periodic.registered_jobs()):
        PeriodicJob.objects.filter(name=name).update(last_finished_at=timezone.now())
