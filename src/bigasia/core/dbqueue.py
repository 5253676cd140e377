"""The database queue's loop in `bigasia worker`: django-tasks-db's own Worker, at rest
between drains instead of polling the queue every half second.

The library's Worker, in batch mode, claims and runs tasks until the queue is empty and
returns. This loop then rests until a wake-up arrives (`core/wakeup`), the next deferred task
falls due, or its back-off passes, whichever is first, and drains again. Claiming, running
and the task signals stay the library's. Each such worker runs in a thread of `bigasia
worker` (core/worker_threads.py), which handles SIGTERM and SIGINT for all of them and
hands each the wake-ups through a listener of its own.
"""

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from .wakeup import Listener

logger = logging.getLogger(__name__)


class IdleBackoff:
    """How long to rest between polls: `shortest` after work, doubling up to `longest`."""

    def __init__(self, shortest: float, longest: float) -> None:
        self.shortest = shortest
        self.longest = max(longest, shortest)
        self.current = shortest

    def next(self) -> float:
        wait = self.current
        self.current = min(self.current * 2, self.longest)
        return wait

    def reset(self) -> None:
        self.current = self.shortest


class RestingWorker(Worker):
    def __init__(
        self,
        *,
        queue_names: list[str],
        backend_name: str,
        worker_id: str,
        backoff: IdleBackoff,
        listener: Listener | None,
        missed_wakeup: Callable[[], None] | None = None,
    ) -> None:
        # interval: the pause before retrying when SQLite reports the queue locked.
        super().__init__(
            queue_names=queue_names,
            interval=backoff.shortest,
            batch=True,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self.backoff = backoff
        self.listener = listener
        # Called when a drain that no wake-up began (a poll) finds a task: a wake-up was
        # missed, and the threads resting through it should look too.
        self.missed_wakeup = missed_wakeup
        self.polling = True

    def run(self) -> None:
        while self.running:
            ran_before = self._run_tasks
            super().run()  # batch mode: returns once the queue is empty
            if self._run_tasks != ran_before:
                self.backoff.reset()
            if self.running:
                self.rest()

    def stop_after_task(self) -> None:
        # The library's loop reads the flag between tasks, and so does run() between drains;
        # a rest in progress ends when the listener is closed (worker_threads.Doorbell).
        self.running = False

    def rest(self) -> None:
        timeout = self.backoff.next()
        if (deferred := self.next_deferred_in()) is not None:
            timeout = min(timeout, deferred)
        if self.listener is None:
            time.sleep(timeout)
            self.polling = True
        else:
            # A wake-up shortens only this rest; the back-off is reset by work done. With
            # several threads every wake-up reaches them all, and one runs the task: the
            # others, reset, would poll again and again for nothing.
            self.polling = not self.listener.wait(timeout)

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        if self.polling and self.missed_wakeup is not None:
            self.polling = False  # once per drain
            self.missed_wakeup()
        super().run_task(db_task_result)

    def next_deferred_in(self) -> float | None:
        """Seconds until the earliest task enqueued with run_after may run, if any: the wake
        came at its enqueue, when it was not yet due, so the rest must end by then."""
        now = timezone.now()
        deferred = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY,
            backend_name=self.backend_name,
            queue_name__in=self.queue_names,
            run_after__gt=now,
            run_after__lt=get_date_max(),
        )
        earliest: datetime | None = deferred.aggregate(at=Min("run_after"))["at"]
        if earliest is None:
            return None
        # A hair late rather than early: an early drain finds nothing and rests again.
        return max((earliest - now + timedelta(milliseconds=10)).total_seconds(), 0.0)
