"""`bigasia serve --production`: the production app server with workers fitted to the cores.

Granian (a Rust HTTP server with a WSGI interface) by default: its HTTP parsing, keep-alive
and static files cost no Python, which is most of what an edge-cache hit or a view beacon
costs under gunicorn's sync workers (docs/edge.md has the measurements). gunicorn stays as
the fallback, `APP_SERVER=gunicorn`.
"""

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bigasia.core.metrics import forget_dead_processes
from bigasia.settings.env import env_int, env_str

SERVERS = ("granian", "gunicorn")
STATIC_EXPIRES = 24 * 3600  # a day: hashed names could live longer, unhashed ones must not


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_workers(server: str) -> int:
    """Granian: one process per core (its threads wait on I/O without a process each);
    gunicorn's sync workers: two per core plus one."""
    fitted = cores() if server == "granian" else 2 * cores() + 1
    return env_int("WEB_CONCURRENCY", fitted, minimum=1)


def default_threads() -> int:
    """Python threads per granian worker: a miss waiting on the database or Redis leaves
    the core to hits served by the others."""
    return env_int("WEB_THREADS", 4, minimum=1)


def granian_argv(host: str, port: str, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "granian", "bigasia.wsgi:application",
        "--interface", "wsgi",
        "--host", host, "--port", port,
        "--workers", str(workers),
        "--blocking-threads", str(default_threads()),
        "--no-ws",
        "--respawn-failed-workers",
        "--workers-kill-timeout", "30",
        # Static files straight from STATIC_ROOT, by Rust, never reaching Python.
        "--static-path-route", settings.STATIC_URL.rstrip("/"),
        "--static-path-mount", str(settings.STATIC_ROOT),
        "--static-path-expires", str(STATIC_EXPIRES),
    ]  # fmt: skip


def gunicorn_argv(host: str, port: str, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "bigasia.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--access-logfile", "-",
        "--graceful-timeout", "20",
        # The control socket lives at one path per user; several servers on one host
        # would fight over it, and nothing here uses it.
        "--no-control-socket",
    ]  # fmt: skip


def uncollected_static() -> str | None:
    """What keeps the production server from serving pages, None when static files are ready.

    Production's static storage looks every `{% static %}` name up in the manifest that
    collectstatic writes; a name it lacks makes the page a 500 ("Missing staticfiles
    manifest entry"), so a missing or outdated manifest must stop the server at start."""
    manifest = Path(settings.STATIC_ROOT) / ManifestFilesMixin.manifest_name
    if not manifest.is_file():
        return f"{manifest} does not exist"
    try:
        listed = json.loads(manifest.read_text())["paths"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"{manifest} is unreadable ({exc})"
    missing = next((name for name in _static_names() if name not in listed), None)
    if missing is not None:
        return f"{manifest} lacks {missing} (collected for an older release)"
    return None


def _static_names() -> Iterator[str]:
    for finder in finders.get_finders():
        for name, _storage in finder.list(["CVS", ".*", "*~"]):  # collectstatic's ignores
            yield Path(name).as_posix()


class Command(BaseCommand):
    help = "Run the production app server (granian, or APP_SERVER=gunicorn) on PORT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--production", action="store_true", help="Required: this command serves production."
        )
        parser.add_argument("--bind", default=None, help="Address, default 127.0.0.1:$PORT.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["production"]:
            raise CommandError(
                "`bigasia serve` runs the production server; pass --production. "
                "For local work use `make run` (bigasia devserver)."
            )
        server = env_str("APP_SERVER", "granian").lower()
        if server not in SERVERS:
            raise CommandError(f"APP_SERVER={server!r} is not one of {', '.join(SERVERS)}.")
        bind = options["bind"] or f"127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--bind must be host:port, got {bind!r}.")
        problem = uncollected_static()
        if problem is not None:
            raise CommandError(
                f"Static files are not collected: {problem}. Run "
                "`bigasia collectstatic --no-input` with the production environment first."
            )
        workers = default_workers(server)
        argv = (granian_argv if server == "granian" else gunicorn_argv)(host, port, workers)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bigasia.settings.production"}
        forget_dead_processes()  # the previous server's workers' metric files
        self.stdout.write(f"Serving on http://{bind}/ with {server}, {workers} workers")
        self.stdout.flush()
        # Replace this process, so signals from systemd or the shell reach the server directly.
        os.execvpe(sys.executable, argv, env)
