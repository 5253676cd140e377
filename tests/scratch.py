"""A throwaway installation driven through the `bigasia` command, as an operator would.

Tests that need real processes (a worker, two app servers, signals) run them against a
scratch database of their own — a SQLite file, or in the scale-out pass a fresh PostgreSQL
database — never against pytest's in-transaction test database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.conf import settings


@dataclass
class ScratchSite:
    data_dir: Path
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *args: str, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "bigasia.cli", *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"bigasia {' '.join(args)} failed:\n{result.stderr}"
        return result

    def python(self, code: str) -> str:
        """Run Python inside the site (Django set up) and return what it printed."""
        return self.manage("shell", "--no-imports", "-c", code).stdout.strip()

    def spawn(self, *args: str, **env: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", *args],
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def serve_production(self, **env: str) -> tuple[subprocess.Popen, str]:
        """`bigasia serve --production` on a free port, after the release's collectstatic;
        returns the server and its base URL once the Russian home answers."""
        production = {"DJANGO_SETTINGS_MODULE": "bigasia.settings.production", **env}
        self.manage("collectstatic", "--no-input", **production)
        port = free_port()
        server = self.spawn("serve", "--production", PORT=str(port), **env)
        base = f"http://127.0.0.1:{port}"
        if not wait_until(lambda: answers(base + "/ru/"), timeout=60):
            server.kill()
            raise AssertionError("the production server did not start:\n" + server.stdout.read())
        return server, base

    def stop(self, process: subprocess.Popen) -> None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.stop(process)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """True once the URL answers 200 (a server that is still starting refuses or errors)."""
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def wait_until(condition, timeout: float = 30.0, every: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def _postgres_admin_dsn() -> str:
    db = settings.DATABASES["default"]
    return f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname={db['NAME']}"


def create_scratch_site(tmp_dir: Path, demo: bool = True) -> tuple[ScratchSite, callable]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.dev",
        DATA_DIR=str(tmp_dir),
        DEBUG="0",
        SECRET_KEY="scratch-site-key-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    cleanup = lambda: None  # noqa: E731
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        name = f"bigasia_scratch_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_postgres_admin_dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def cleanup() -> None:
            with psycopg.connect(_postgres_admin_dsn(), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
        env["CACHE_KEY_PREFIX"] = name
    else:
        env.pop("DATABASE_URL", None)
    site = ScratchSite(data_dir=tmp_dir, env=env)
    site.manage("migrate", "--no-input")
    if demo:
        site.manage("demo", "--no-editor")
    return site, cleanup
