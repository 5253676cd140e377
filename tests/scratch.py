"""A throwaway installation driven through the `bigasia` command, as an operator would.

Tests that need real processes (a worker, two app servers, signals) run them against a
scratch database of their own — a SQLite file, or in the scale-out pass a fresh PostgreSQL
database — never against pytest's in-transaction test database.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
from django.conf import settings

from tests.site_shell import ForkingShell

# The environment that makes a site's worker run every periodic job once at start, then
# not again within a test: a test of what wakes a resting worker must have no job wake it.
QUIET_PERIODIC_JOBS = {
    name: "3600"
    for name in (
        "PUBLISH_SCHEDULED_EVERY", "READERSHIP_MOVE_EVERY", "READERSHIP_MOST_READ_RANK_EVERY",
        "TV_HLS_SWEEP_EVERY", "FEEDS_SCHEDULE_EVERY", "PARTNERS_FLUSH_EVERY",
        "WIRE_PURGE_EVERY", "MAIL_QUEUE_SWEEP_EVERY", "NEWSLETTERS_TEND_EVERY",
        "CHANNELS_SWEEP_EVERY",
    )
}  # fmt: skip


@dataclass
class ScratchSite:
    data_dir: Path
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)
    _shell: ForkingShell | None = field(default=None, repr=False)
    _static_collected_into: set[str] = field(default_factory=set, repr=False)

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

    def python(self, code: str, timeout: int = 300) -> str:
        """Run Python inside the site (Django set up, a process of its own) and return what
        it printed; the site's forking shell starts again when the site's env changed."""
        if self._shell is None or self._shell.env != self.env:
            self._stop_shell()
            self._shell = ForkingShell(self.env)
        result = self._shell.run(code, timeout)
        assert result.returncode == 0, f"the snippet failed:\n{code}\n{result.stderr}"
        return result.stdout.strip()

    def _stop_shell(self) -> None:
        if self._shell is not None:
            self._shell.stop()
            self._shell = None

    def spawn(self, *args: str, **env: str) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "bigasia.cli", *args],
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            process_group=0,  # its own group, with the workers it forks: see kill_group
        )
        self.processes.append(process)
        return process

    def serve_production(self, **env: str) -> tuple[subprocess.Popen, str]:
        """`bigasia serve --production` on a free port, after the release's collectstatic;
        returns the server and its base URL once the Russian home answers."""
        production = {"DJANGO_SETTINGS_MODULE": "bigasia.settings.production", **env}
        self._collect_static_once(production)
        return serve_on_a_free_port(
            lambda port: self.spawn("serve", "--production", PORT=str(port), **env),
            lambda base: answers(base + "/ru/"),
            timeout=60,
        )

    def serve_dev(self) -> tuple[subprocess.Popen, str]:
        """Django's development server (DEBUG on, no reloader) on a free port, as `make run`
        serves; returns the server and its base URL once the Russian home answers."""
        return serve_on_a_free_port(
            lambda port: self.spawn("runserver", f"127.0.0.1:{port}", "--noreload", DEBUG="1"),
            lambda base: answers(base + "/ru/"),
            timeout=60,
        )

    def _collect_static_once(self, production: dict[str, str]) -> None:
        """The release's collectstatic, once per static root: its output depends only on the
        code and on where it goes, neither of which changes during a run."""
        env = {**self.env, **production}
        static_root = env.get("STATIC_ROOT") or str(Path(env["DATA_DIR"]) / "static")
        if static_root not in self._static_collected_into:
            self.manage("collectstatic", "--no-input", **production)
            self._static_collected_into.add(static_root)

    def stop(self, process: subprocess.Popen) -> None:
        """SIGTERM to the process's whole group, then SIGKILL to what is left after 15 s.
        The group, not the process alone: under the development reloader (DEBUG) the worker
        is a child of the process spawned, and would outlive its parent as an orphan still
        claiming the shared site's periodic jobs."""
        _signal_group(process, signal.SIGTERM)

        def ended() -> bool:  # the process and every process of its group
            return process.poll() is not None and not _group_alive(process)

        if not wait_until(ended, timeout=15, every=0.05):
            kill_group(process)

    def stop_all(self) -> None:
        self._stop_shell()
        for process in self.processes:
            if process.poll() is None:
                self.stop(process)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:  # the group is gone already
        pass


def _group_alive(process: subprocess.Popen) -> bool:
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL a process and everything in its process group. Killing only a server's master
    leaves its workers running: they keep the port, and the write end of the output pipe,
    so reading the output to report a failure would wait forever."""
    process.kill()
    _signal_group(process, signal.SIGKILL)
    process.wait()


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
            kill_group(process)
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


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _postgres(statement: str) -> None:
    with psycopg.connect(_postgres_admin_dsn(), autocommit=True) as conn:
        conn.execute(statement)


def _site_env(data_dir: Path, database: str | None) -> dict[str, str]:
    """The environment of a site on `data_dir`: a SQLite file in it, or PostgreSQL's
    `database` with a Redis key prefix of the same name."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.dev",
        DATA_DIR=str(data_dir),
        DEBUG="0",
        SECRET_KEY="scratch-site-key-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    env.pop("DATABASE_URL", None)
    if database:
        env["DATABASE_URL"] = postgres_url(database)
        env["CACHE_KEY_PREFIX"] = database
    return env


@dataclass
class _Template:
    """A site built once per run. New sites start as copies of its data dir, database and
    Redis keys: migrating and loading the demo take minutes on this machine, copying takes
    seconds."""

    data_dir: Path
    database: str | None


_templates: dict[bool, _Template] = {}


def _template(demo: bool) -> _Template:
    """The bare template is migrated; the demo one is a copy of it given the demo, so a run
    migrates once for both."""
    if demo not in _templates:
        data_dir = Path(tempfile.mkdtemp(prefix="bigasia-scratch-template-"))
        source = _template(False) if demo else None
        database = None
        if on_postgres():
            name = settings.DATABASES["default"]["NAME"].removeprefix("test_")
            database = f"{name}_scratch_{'demo' if demo else 'bare'}"
            _drop_database(database)  # a crashed run's
        _templates[demo] = _Template(data_dir, database)  # registered first: dropped at the end
        if source:
            site = _copy(source, data_dir, database)
            # The publication only: the partners' thumbnails would name SITE_URL, not this site.
            site.manage("demo", "--no-editor", "--publication-only")
        else:
            if database:
                _postgres(f'CREATE DATABASE "{database}"')
            ScratchSite(data_dir=data_dir, env=_site_env(data_dir, database)).manage(
                "migrate", "--no-input"
            )
    return _templates[demo]


def _copy(template: _Template, data_dir: Path, database: str | None) -> ScratchSite:
    """A site on `data_dir` (and PostgreSQL's `database`, when the template has one) that
    starts as a copy of the template."""
    shutil.copytree(template.data_dir, data_dir, dirs_exist_ok=True)
    if template.database:
        _postgres(f'CREATE DATABASE "{database}" TEMPLATE "{template.database}"')
        if _redis():
            _copy_redis_keys(template.database, database)
    return ScratchSite(data_dir=data_dir, env=_site_env(data_dir, database))


def _redis() -> redis.Redis | None:
    return redis.Redis.from_url(os.environ["REDIS_URL"]) if os.environ.get("REDIS_URL") else None


def _copy_redis_keys(source_prefix: str, target_prefix: str) -> None:
    """What migrate and the demo left in Redis (page-cache generations, Wagtail's site root
    paths) under the template's prefix, copied under the new site's."""
    client = _redis()
    for key in client.scan_iter(match=f"{source_prefix}*"):
        ttl = client.pttl(key)
        client.restore(
            target_prefix.encode() + key[len(source_prefix) :],
            max(ttl, 0),
            client.dump(key),
            replace=True,
        )


def drop_templates() -> None:
    """Remove the run's templates (the session's last step)."""
    for template in _templates.values():
        shutil.rmtree(template.data_dir, ignore_errors=True)
        if template.database:
            _drop_database(template.database)
            drop_keys_under(template.database)
    _templates.clear()


def drop_keys_under(prefix: str) -> None:
    """Delete the keys under a prefix (a session's or a template site's)."""
    if client := _redis():
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)


def postgres_url(database: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{database}"


def new_postgres_database() -> tuple[str, Callable[[], None]]:
    """An empty PostgreSQL database for a throw-away site: its name and the function that
    drops it."""
    name = _new_database_name()
    _postgres(f'CREATE DATABASE "{name}"')
    return name, lambda: _drop_database(name)


def _new_database_name() -> str:
    return f"bigasia_scratch_{uuid.uuid4().hex[:10]}"


def _drop_database(name: str) -> None:
    _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_scratch_site(tmp_dir: Path, demo: bool = True) -> tuple[ScratchSite, Callable]:
    """A site on `tmp_dir` as `bigasia migrate` (and `bigasia demo`) leave it, and the
    function that removes its database."""
    template = _template(demo)
    if not template.database:
        return _copy(template, tmp_dir, None), lambda: None
    name = _new_database_name()
    return _copy(template, tmp_dir, name), lambda: _drop_database(name)
