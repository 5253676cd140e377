"""`bigasia serve --production`: the production app server (gunicorn) with a worker count
fitted to the machine. Static files are served by WhiteNoise, or by the proxy in front."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from bigasia.settings.env import env_int


def default_workers() -> int:
    """gunicorn's rule of thumb: two sync workers per core plus one."""
    return env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, minimum=1)


class Command(BaseCommand):
    help = "Run the production app server (gunicorn) on PORT; use `bigasia worker` beside it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", action="store_true", help="Required: this command serves production."
        )
        parser.add_argument("--bind", default=None, help="Address, default 127.0.0.1:$PORT.")

    def handle(self, *args, **options):
        if not options["production"]:
            raise CommandError(
                "`bigasia serve` runs the production server; pass --production. "
                "For local work use `make run` (bigasia devserver)."
            )
        bind = options["bind"] or f"127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bigasia.settings.production"}
        argv = [
            sys.executable, "-m", "gunicorn", "bigasia.wsgi:application",
            "--bind", bind,
            "--workers", str(default_workers()),
            "--access-logfile", "-",
            "--graceful-timeout", "20",
            # The control socket lives at one path per user; several servers on one host
            # would fight over it, and nothing here uses it.
            "--no-control-socket",
        ]  # fmt: skip
        self.stdout.write(f"Serving on http://{bind}/ with {default_workers()} workers")
        self.stdout.flush()
        # Replace this process, so signals from systemd or the shell reach gunicorn directly.
        os.execvpe(sys.executable, argv, env)
