"""The scale-out task queue: django-tasks on Redis through RQ (django-tasks-rq).

Four things differ from django-tasks-rq's own backend, each because the database queue the
embedded mode uses gave it for free and our tasks count on it:

- Enqueued on commit. The database queue wrote its row in the caller's transaction, so a
  worker never saw a task before the data it reads (a published page, a claimed send slot).
  Redis is outside the transaction: the job is pushed when the transaction commits, and not
  at all if it rolls back.
- Priorities. RQ has none; a task above the default priority (scheduled publishing, the
  readership jobs) goes to the front of its queue instead of behind a backlog of feed polls.
- Deferred tasks (run_after) wait in RQ's scheduled registry; the worker's periodic thread
  moves them into their queue when due (see DueTaskMover).
- One namespace per installation. RQ queue names are global in a Redis database; ours carry
  a prefix (TASKS_QUEUE_PREFIX, by default CACHE_KEY_PREFIX) so two sites sharing a Redis
  never run each other's jobs.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

import django_rq
import redis
from django.core.checks import CheckMessage, Error
from django.db import close_old_connections, transaction
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import DEFAULT_TASK_PRIORITY, Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq import Job, RQBackend
from django_tasks_rq.backend import failed_callback, success_callback
from rq import Queue
from rq.exceptions import StopRequested
from rq.job import Callback, JobStatus
from rq.job import Job as RQJob
from rq.scheduler import RQScheduler
from rq.timeouts import TimerDeathPenalty
from rq.worker import SimpleWorker

from .logs import request_id

logger = logging.getLogger(__name__)

FAILED_KEPT_SECONDS = 7 * 24 * 3600


def _whole_second_not_before(moment: datetime) -> datetime:
    """RQ scores scheduled jobs in whole seconds, truncated: a task due at 12:00:00.3 would
    be moved into its queue at 12:00:00, early. Round up instead."""
    if moment.microsecond:
        return moment.replace(microsecond=0) + timedelta(seconds=1)
    return moment


class RedisTaskBackend(RQBackend):
    """OPTIONS["RQ_QUEUES"] maps each django-tasks queue name to its RQ queue name, which
    must be a key of RQ_QUEUES (settings build both)."""

    supports_priority = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.rq_names: dict[str, str] = dict(self.options["RQ_QUEUES"])
        # A job read back in the worker names its RQ queue as the task's queue (its
        # "origin"), so both spellings are valid queue names of this backend.
        self.queues = set(self.rq_names) | set(self.rq_names.values())
        self._queues: dict[str, Queue] = {}

    def rq_queue(self, queue_name: str) -> Queue:
        rq_name = self.rq_names.get(queue_name, queue_name)
        if rq_name not in self._queues:
            self._queues[rq_name] = django_rq.get_queue(rq_name, job_class=Job)
        return self._queues[rq_name]

    def worker_queues(self) -> list[Queue]:
        return [self.rq_queue(name) for name in self.rq_names]

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        self.validate_task(task)
        result: TaskResult[Any] = TaskResult(
            task=task, id=get_random_id(), status=TaskResultStatus.READY, enqueued_at=None,
            started_at=None, last_attempted_at=None, finished_at=None, args=args,
            kwargs=kwargs, backend=self.alias, errors=[], worker_ids=[],
        )  # fmt: skip
        queue = self.rq_queue(task.queue_name)
        job = queue.create_job(
            task.module_path,
            args=args,
            kwargs=kwargs,
            job_id=result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            # The request id rides along into the worker's log lines (bigasia.ops.tasklog).
            meta={"backend_name": self.alias, "request_id": request_id.get()},
            # RQ would keep a failed job a year; a week is enough to look into it.
            failure_ttl=FAILED_KEPT_SECONDS,
        )

        def push() -> None:
            try:
                if task.run_after is None:
                    queue.enqueue_job(job, at_front=task.priority > DEFAULT_TASK_PRIORITY)
                else:
                    # The worker's scheduler moves it when due.
                    queue.schedule_job(job, _whole_second_not_before(task.run_after))
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                # The caller's transaction has committed (an editor's publish): failing the
                # request now would report an error for work that was saved. The task is
                # lost; docs/operations.md says what the sweeps redo and what they do not.
                logger.error("tasks: Redis unreachable, %s not queued: %s", task.name, exc)

        transaction.on_commit(push, robust=False)
        task_enqueued.send(type(self), task_result=result)
        return result

    def check(self, **kwargs: Any) -> Iterable[CheckMessage]:
        # The parent's check wants every queue name in RQ_QUEUES; only the RQ names are.
        yield from BaseTaskBackend.check(self, **kwargs)
        for rq_name in self.rq_names.values():
            if rq_name not in django_rq.settings.QUEUES:
                yield Error(f"The RQ queue {rq_name!r} is not in RQ_QUEUES.")

    def _get_job(self, result_id: str) -> Job | None:
        # The parent's version asks RQ_QUEUES["default"] for a connection; ours are prefixed.
        # rq_queue() builds its queues with job_class=Job, so fetch_job returns ours.
        return self.rq_queue(next(iter(self.rq_names))).fetch_job(result_id)  # type: ignore[return-value]


class DjangoWorker(SimpleWorker):
    """Runs each job in the worker process, as the database queue's worker does (no fork per
    job, so a SIGKILL leaves no orphan finishing a batch), with fresh database connections
    the way Django gives each request.

    Under the development reloader (`make run`, DEBUG) the worker runs in a thread, where
    Python refuses signal handlers: RQ's job deadline then uses a timer instead of SIGALRM,
    and stopping is left to the reloader's process, which Ctrl-C ends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not _in_main_thread():
            self.death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self) -> None:
        if _in_main_thread():
            super()._install_signal_handlers()  # type: ignore[no-untyped-call]  # unannotated in rq

    # Called back when this worker's stop is asked for (the main thread's worker: the other
    # lanes' threads of `bigasia worker` stop with it, core/worker_threads.py).
    also_stop: Callable[[], None] | None = None

    def handle_warm_shutdown_request(self) -> None:
        super().handle_warm_shutdown_request()  # type: ignore[no-untyped-call]  # unannotated in rq
        if self.also_stop is not None:
            self.also_stop()

    def execute_job(self, job: RQJob, queue: Queue) -> None:
        close_old_connections()
        try:
            super().execute_job(job, queue)
        finally:
            close_old_connections()


# An idle ThreadWorker waits for a job this long at a time, then looks whether it should stop:
# only the main thread gets the signal that cuts RQ's own wait (minutes) short.
THREAD_DEQUEUE_SECONDS = 5


class ThreadWorker(DjangoWorker):
    """A DjangoWorker in a thread of `bigasia worker` beside the main thread's (a lane of
    core/worker_threads.py): a job's deadline on a timer, its stop asked for by a flag."""

    death_penalty_class = TimerDeathPenalty

    def __init__(self, *args: Any, logging_level: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.logging_level = logging_level

    def run(self) -> None:
        self.work(logging_level=self.logging_level)

    def stop_after_task(self) -> None:
        self._stop_requested = True  # read by RQ's loop between jobs, and by the wait below

    def dequeue_job_and_maintain_ttl(
        self, timeout: int | None, max_idle_time: int | None = None
    ) -> tuple[RQJob, Queue] | None:
        while not self._stop_requested:
            found = super().dequeue_job_and_maintain_ttl(timeout, THREAD_DEQUEUE_SECONDS)
            if found is not None:
                return found
        raise StopRequested  # RQ's loop ends on it, as on its own stop signal


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class DueTaskMover:
    """Moves tasks enqueued with run_after into their queue once due: RQ's own scheduler,
    driven by the worker's periodic thread rather than the process RQ forks for it, which
    a SIGKILL of the worker would leave running as an orphan. A lock per queue in Redis
    (renewed on every call, lapsing a minute after its worker dies) lets one worker at a
    time do it."""

    def __init__(self, queues: list[Queue]) -> None:
        self.scheduler = RQScheduler(
            [queue.name for queue in queues],
            connection=queues[0].connection,
            logging_level="WARNING",
        )

    def __call__(self) -> None:
        # Both are unannotated in RQ.
        self.scheduler.acquire_locks()  # type: ignore[no-untyped-call]
        self.scheduler.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
