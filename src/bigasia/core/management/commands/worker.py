"""`bigasia worker`: run background tasks and the periodic scheduler in one process.

Start one per host (or several); the periodic claims make duplicates harmless. Which queue
it works depends on the configured task backend: the database queue (django-tasks-db's
db_worker) or, in scale-out, the Redis queue (an RQ worker; the periodic thread also moves
tasks enqueued with run_after into the queue when they are due). It runs at the CPU priority
WORKER_CPU_PRIORITY names (SCHED_IDLE by default), so pages on the same host come first.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks import task_backends

from bigasia.core import periodic
from bigasia.core.cpu_priority import lower_cpu_priority
from bigasia.core.heartbeat import Heartbeat
from bigasia.core.metrics import forget_dead_processes
from bigasia.core.redis_tasks import DjangoWorker, DueTaskMover, RedisTaskBackend

logger = logging.getLogger(__name__)


def run_scheduler(
    stop: threading.Event,
    every_seconds: float,
    move_due_tasks: Callable[[], None] | None,
    heartbeat: Heartbeat,
) -> None:
    while not stop.wait(every_seconds):
        close_old_connections()
        try:
            periodic.tick()
            if move_due_tasks:
                move_due_tasks()
            heartbeat.ticked(timezone.now())
        except Exception:  # a failed tick (e.g. DB restarting) must not kill the loop
            logger.exception("periodic scheduler tick failed; retrying")
        try:
            heartbeat.beat()
        except Exception:  # same: the next beat retries
            logger.exception("worker heartbeat not written; retrying")
    close_old_connections()
    try:
        heartbeat.stop()
    except Exception:  # the row then ages out; /readyz sees it stale
        logger.exception("worker heartbeat not removed at stop")


def run_redis_worker(backend: RedisTaskBackend, verbosity: int) -> None:
    queues = backend.worker_queues()
    worker = DjangoWorker(queues, connection=queues[0].connection, job_class=queues[0].job_class)
    connections.close_all()  # jobs open their own, as requests do
    # RQ logs every job at INFO: as with django-tasks, only problems unless asked.
    worker.work(logging_level="DEBUG" if verbosity >= 2 else "WARNING")


class Command(BaseCommand):
    help = "Run background tasks (database or Redis queue) and the periodic scheduler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tick", type=float, default=1.0, help="Scheduler tick in seconds.")
        parser.add_argument(
            "--interval", type=float, default=0.5,
            help="Queue poll interval (database queue; the Redis queue wakes on each task).",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        lower_cpu_priority(settings.WORKER_CPU_PRIORITY)  # before any thread starts
        forget_dead_processes()
        backend = task_backends["default"]
        redis_backend = backend if isinstance(backend, RedisTaskBackend) else None
        move_due_tasks = DueTaskMover(redis_backend.worker_queues()) if redis_backend else None
        stop = threading.Event()
        heartbeat = Heartbeat(settings.WORKER_HEARTBEAT_EVERY)
        scheduler = threading.Thread(
            target=run_scheduler,
            args=(stop, options["tick"], move_due_tasks, heartbeat),
            name="periodic",
            daemon=True,
        )
        scheduler.start()
        try:
            if redis_backend is not None:
                run_redis_worker(redis_backend, options["verbosity"])
            else:
                call_command(
                    "db_worker", interval=options["interval"], verbosity=options["verbosity"]
                )
        finally:
            stop.set()
            # The scheduler removes this worker's heartbeat on its way out.
            scheduler.join(timeout=5)
