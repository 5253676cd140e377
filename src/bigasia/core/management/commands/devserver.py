"""`bigasia devserver`: the local site for `make run` — web server plus a background worker."""

import atexit
import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bigasia.core.localeditor import ensure_local_editor


class Command(BaseCommand):
    help = "Serve the site locally with a task worker beside it (scheduled publishing etc.)."

    def handle(self, *args: Any, **options: Any) -> None:
        port = os.environ.get("PORT", "8000")
        # runserver's autoreloader re-runs this command in a child process (RUN_MAIN=true);
        # only the outer process starts the worker and prints the banner.
        if os.environ.get("RUN_MAIN") != "true":
            # Links in mail (the confirmation in the local outbox) must lead to this server;
            # the worker and runserver's child process inherit the environment.
            os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
            self.start_worker()
            self.print_banner(port)
        call_command("runserver", f"127.0.0.1:{port}")

    def start_worker(self) -> None:
        worker = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", "worker", "--verbosity", "0"],
            env=os.environ.copy(),
        )
        atexit.register(worker.terminate)

    def print_banner(self, port: str) -> None:
        username, password = ensure_local_editor()
        base = f"http://127.0.0.1:{port}"
        self.stdout.write(
            self.style.SUCCESS("\nBig Asia is running.")
            + f"\n  Site:   {base}/  (Russian: {base}/ru/, English: {base}/en/)"
            + f"\n  Admin:  {base}/admin/"
            + f"\n  Login:  {username} / {password}   (local only, kept in {settings.DATA_DIR})"
            + self.mail_line(base)
            + "\n"
        )

    def mail_line(self, base: str) -> str:
        if not settings.EMAIL_TRANSPORT.endswith(".LocalOutboxBackend"):
            return ""
        return f"\n  Mail:   not sent anywhere; read it at {base}/admin/newsletters/outbox/"
