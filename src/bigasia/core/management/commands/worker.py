"""`bigasia worker`: run background tasks and the periodic scheduler in one process.

Start one per host (or several); the periodic claims make duplicates harmless.
"""

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from bigasia.core import periodic

logger = logging.getLogger(__name__)


def run_scheduler(stop: threading.Event, every_seconds: float) -> None:
    while not stop.wait(every_seconds):
        close_old_connections()
        try:
            periodic.tick()
        except Exception:  # noqa: BLE001 - a failed tick (e.g. DB restarting) must not kill the loop
            logger.exception("periodic scheduler tick failed; retrying")


class Command(BaseCommand):
    help = "Run background tasks (django-tasks database worker) and the periodic scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=1.0, help="Scheduler tick in seconds.")
        parser.add_argument("--interval", type=float, default=0.5, help="Queue poll interval.")

    def handle(self, *args, **options):
        stop = threading.Event()
        scheduler = threading.Thread(
            target=run_scheduler, args=(stop, options["tick"]), name="periodic", daemon=True
        )
        scheduler.start()
        try:
            call_command("db_worker", interval=options["interval"], verbosity=options["verbosity"])
        finally:
            stop.set()
            time.sleep(0)  # let the scheduler thread see the event before the process exits
