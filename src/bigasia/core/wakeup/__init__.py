"""Wake-ups of idle `bigasia worker`s when a task is enqueued on the database queue.

The channel follows the queue's database: LISTEN/NOTIFY on PostgreSQL (`postgres.py`), Unix
datagrams within the host on SQLite (`datagram.py`). The Redis queue needs none: RQ's worker
blocks on Redis until a job arrives. docs/operations.md, "The worker at rest".
"""

from functools import cache
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.dispatch import receiver
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult
from django_tasks.signals import task_enqueued
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .base import Listener, WakeChannel
from .datagram import DatagramChannel
from .postgres import NotifyChannel

__all__ = ["Listener", "WakeChannel", "channel_for", "queue_database"]


def queue_database() -> str:
    return router.db_for_write(DBTaskResult)


@cache
def channel_for(alias: str) -> WakeChannel | None:
    """The wake-up channel of the queue on database `alias`; None where there is none (the
    worker then polls only)."""
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return NotifyChannel(alias)
    if vendor == "sqlite":
        return DatagramChannel(settings.DATA_DIR / "worker-wakeups")
    return None


@receiver(task_enqueued)
def _wake_workers(
    sender: type[BaseTaskBackend], task_result: TaskResult[Any], **kwargs: Any
) -> None:
    if not issubclass(sender, DatabaseBackend):
        return
    alias = queue_database()
    channel = channel_for(alias)
    if isinstance(channel, NotifyChannel):
        channel.poke()  # transactional: PostgreSQL delivers it at commit
    elif channel is not None:
        # A datagram is sent at once: wait for the row to be committed, or the woken
        # worker finds nothing and goes back to sleep for a whole back-off.
        transaction.on_commit(channel.poke, using=alias, robust=True)
