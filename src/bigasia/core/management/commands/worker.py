"""`bigasia worker`: run background tasks and the periodic scheduler in one process.

Start one per host (or several); the periodic claims make duplicates harmless. Which queue
it works depends on the configured task backend: the database queue (django-tasks-db's
Worker, resting between drains until woken: `core/dbqueue.py`) or, in scale-out, the Redis
queue (an RQ worker; the periodic thread also moves tasks enqueued with run_after into the
queue when they are due). The default queue has one thread; the channel deliveries have
CHANNELS_WORKER_THREADS of their own (`core/worker_threads.py`). The periodic thread sleeps
until the next job is due. The process runs at the CPU priority WORKER_CPU_PRIORITY names
(SCHED_IDLE by default), so pages on the same host come first.
"""

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections, connections
from django.utils import autoreload, timezone
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from bigasia.core import periodic, wakeup
from bigasia.core.cpu_priority import lower_cpu_priority
from bigasia.core.dbqueue import IdleBackoff, RestingWorker
from bigasia.core.heartbeat import Heartbeat
from bigasia.core.metrics import forget_dead_processes
from bigasia.core.redis_tasks import DjangoWorker, DueTaskMover, RedisTaskBackend, ThreadWorker
from bigasia.core.wakeup import Listener
from bigasia.core.worker_threads import (
    LANE_MATES_REST,
    Doorbell,
    Lane,
    WorkerThreads,
    plan_lanes,
    run_database_lanes,
)

logger = logging.getLogger(__name__)

RETRY_AFTER = timedelta(seconds=1)  # a failed tick is tried again this soon


def seconds_until(moment: datetime | None, longest: float) -> float:
    """The scheduler's rest: until `moment` (a hair after, so the job is due when it looks)
    but never longer than `longest`."""
    if moment is None:
        return longest
    return min(max((moment - timezone.now()).total_seconds() + 0.01, 0.0), longest)


def run_scheduler(
    stop: threading.Event,
    longest_rest: float,
    move_due_tasks: Callable[[], None] | None,
    heartbeat: Heartbeat,
) -> None:
    rest = 0.0
    while not stop.wait(rest):
        close_old_connections()
        next_due_at = None
        try:
            next_due_at = periodic.run_due().next_due_at
            if move_due_tasks:
                move_due_tasks()
            heartbeat.ticked(timezone.now())
        except Exception:  # a failed tick (e.g. DB restarting) must not kill the loop
            logger.exception("periodic scheduler tick failed; retrying")
            next_due_at = timezone.now() + RETRY_AFTER
        try:
            heartbeat.beat()
        except Exception:  # same: the next beat retries
            logger.exception("worker heartbeat not written; retrying")
        # Asleep until the next job is due: an idle tick every second was most of an idle
        # worker's cost. The heartbeat bounds the rest, so /readyz sees fresh ticks.
        rest = seconds_until(next_due_at, longest_rest)
    close_old_connections()
    try:
        heartbeat.stop()
    except Exception:  # the row then ages out; /readyz sees it stale
        logger.exception("worker heartbeat not removed at stop")


def open_listener() -> Listener | None:
    """This worker's end of the queue's wake-up channel; None (polling only) if it has
    none or it cannot be opened."""
    channel = wakeup.channel_for(wakeup.queue_database())
    if channel is None:
        return None
    try:
        return channel.listen()
    except (OSError, DatabaseError) as exc:
        logger.warning("no task wake-ups (%s): polling the queue only", exc)
        return None


def run_database_worker(shortest_rest: float, verbosity: int) -> None:
    # django-tasks-db's own logging set-up, as its db_worker command does it; its start and
    # stop lines, which come at every drain here, only when asked for.
    DbWorkerCommand().configure_logging(verbosity)
    if verbosity == 1:
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    backend = task_backends["default"]
    bell = Doorbell()

    def make_worker(lane: Lane, n: int) -> RestingWorker:
        # The lane's first thread polls as often as a worker always did and rings its
        # lane-mates when a poll finds work; they poll less (worker_threads.LANE_MATES_REST).
        first = n == 0
        longest = settings.WORKER_IDLE_POLL_MAX * (1 if first else LANE_MATES_REST)
        return RestingWorker(
            queue_names=list(lane.queues),
            backend_name=backend.alias,
            worker_id=get_random_string(32),
            backoff=IdleBackoff(shortest_rest, longest),
            listener=bell.listener(),
            missed_wakeup=bell.ring if first and lane.threads > 1 else None,
        )

    threads = WorkerThreads(plan_lanes(sorted(backend.queues)), make_worker)
    listener = open_listener()
    try:
        run_database_lanes(threads, bell, listener, settings.WORKER_IDLE_POLL_MAX)
    finally:
        if listener is not None:
            listener.close()


def run_redis_worker(backend: RedisTaskBackend, verbosity: int) -> None:
    # RQ logs every job at INFO: as with django-tasks, only problems unless asked.
    level = "DEBUG" if verbosity >= 2 else "WARNING"
    main_lane, *other_lanes = plan_lanes(list(backend.rq_names))
    queues = [backend.rq_queue(name) for name in main_lane.queues]
    worker = DjangoWorker(queues, connection=queues[0].connection, job_class=queues[0].job_class)

    def make_worker(lane: Lane, n: int) -> ThreadWorker:
        lane_queues = [backend.rq_queue(name) for name in lane.queues]
        return ThreadWorker(
            lane_queues,
            connection=lane_queues[0].connection,
            job_class=lane_queues[0].job_class,
            logging_level=level,
        )

    threads = WorkerThreads(other_lanes, make_worker)
    worker.also_stop = threads.stop
    connections.close_all()  # jobs open their own, as requests do
    threads.start()
    try:
        worker.work(logging_level=level)
    finally:
        threads.stop()
    # Not after a cold stop (RQ's SystemExit at a second signal): the daemon threads then end
    # with the process, as the main thread's job does.
    threads.join()


class Command(BaseCommand):
    help = "Run background tasks (database or Redis queue) and the periodic scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tick",
            type=float,
            default=5.0,
            help="Longest rest of the scheduler in seconds; it ticks sooner when a job is due.",
        )
        parser.add_argument(
            "--interval", type=float, default=0.5,
            help="Database queue: first poll interval after work, doubling while idle up to "
            "WORKER_IDLE_POLL_MAX; a wake-up ends the rest at once.",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        lower_cpu_priority(settings.WORKER_CPU_PRIORITY)  # before any thread starts
        if settings.DEBUG:
            # `make run`: start again on code changes, as the development server does
            # (watchfiles' reloader: inotify, no polling).
            autoreload.run_with_reloader(self.work, options)
        else:
            self.work(options)

    def work(self, options: dict[str, Any]) -> None:
        forget_dead_processes()
        backend = task_backends["default"]
        redis_backend = backend if isinstance(backend, RedisTaskBackend) else None
        move_due_tasks = DueTaskMover(redis_backend.worker_queues()) if redis_backend else None
        stop = threading.Event()
        heartbeat = Heartbeat(settings.WORKER_HEARTBEAT_EVERY)
        longest_rest = min(options["tick"], settings.WORKER_HEARTBEAT_EVERY)
        scheduler = threading.Thread(
            target=run_scheduler,
            args=(stop, longest_rest, move_due_tasks, heartbeat),
            name="periodic",
            daemon=True,
        )
        scheduler.start()
        try:
            if redis_backend is not None:
                run_redis_worker(redis_backend, options["verbosity"])
            else:
                run_database_worker(options["interval"], options["verbosity"])
        finally:
            stop.set()
            # The scheduler removes this worker's heartbeat on its way out.
            scheduler.join(timeout=5)
