"""A throwaway installation driven through the `bigasia` command, as an operator would.

Tests that need real processes (a worker, two app servers, signals) run them against a
scratch database of their own — a SQLite file, or in the scale-out pass a fresh PostgreSQL
database — never against pytest's in-transaction test database.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
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
        return serve_on_a_free_port(
            lambda port: self.spawn("serve", "--production", PORT=str(port), **env),
            lambda base: answers(base + "/ru/"),
            timeout=60,
        )

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
    """A loopback port nobody listens on right now (it may be taken a moment later)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_on_a_free_port(
    spawn: Callable[[int], subprocess.Popen], ready: Callable[[str], bool], timeout: float
) -> tuple[subprocess.Popen, str]:
    """Start a server that cannot bind port 0 and report the port it got (runserver, granian
    behind `bigasia serve`) on a port that was free a moment ago; returns it and its base URL.

    Another process may bind that port between the check and the server's bind (the race
    free_port leaves open): the server then exits at start, and is started again on another
    port. `spawn` must give the process a text stdout pipe, read when it fails.
    """
    for _attempt in range(3):
        base = f"http://127.0.0.1:{(port := free_port())}"
        process = spawn(port)
        wait_until(lambda p=process, b=base: p.poll() is not None or ready(b), timeout=timeout)
        if process.poll() is None:
            if ready(base):
                return process, base
            process.kill()
            raise AssertionError(f"the server did not start on {base}:\n{process.stdout.read()}")
        output = process.stdout.read()
        if "already in use" not in output.lower():  # runserver's words, and the OS's
            raise AssertionError(f"the server exited at start:\n{output[-3000:]}")
    raise AssertionError("the server lost its port to another process three times")


def reported_port(process: subprocess.Popen, pattern: str, timeout: float = 120) -> int:
    """The port a server bound to port 0 reports in its output (`pattern`'s first group).

    A thread keeps reading the output afterwards, so a chatty server never blocks on a full
    pipe."""
    found = threading.Event()
    port: list[int] = []

    def read() -> None:
        for line in process.stdout:
            if not port and (match := re.search(pattern, line)):
                port.append(int(match.group(1)))
                found.set()

    threading.Thread(target=read, daemon=True).start()
    assert found.wait(timeout), f"the server reported no port in {timeout} s"
    return port[0]


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
        # The publication only: the partners' thumbnails would name SITE_URL, not this site.
        site.manage("demo", "--no-editor", "--publication-only")
    return site, cleanup
