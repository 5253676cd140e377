"""Real app processes, real signals: SIGTERM loses no view, SIGKILL at most the last second."""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.readership.servers import (
    SERVER_ENV,
    send_beacons,
    some_article_id,
    start_gunicorn,
    start_runserver,
    stored_views,
)


@pytest.fixture(scope="module")
def article_id(scratch_site) -> int:
    return some_article_id(scratch_site)


def _wait_until_stored(site, article_id: int, views: int, within: float = 30.0) -> None:
    """Poll the database until the periodic flush has stored `views`, or fail at the deadline."""
    deadline = time.monotonic() + within
    while (stored := stored_views(site, article_id)) < views:
        assert time.monotonic() < deadline, f"{stored} views stored after {within} s, not {views}"
        time.sleep(0.1)


def _terminate(process, sig) -> None:
    process.send_signal(sig)
    process.wait(timeout=30)


def test_it_loses_nothing_when_gunicorn_is_stopped_with_sigterm(scratch_site, article_id):
    # A flush interval far longer than the test: every view is still buffered at SIGTERM.
    server, base = start_gunicorn(scratch_site, READERSHIP_FLUSH_EVERY="600")
    before = stored_views(scratch_site, article_id)
    send_beacons(base, article_id, range(0, 60))
    _terminate(server, signal.SIGTERM)
    assert stored_views(scratch_site, article_id) == before + 60


def test_it_loses_nothing_when_runserver_is_stopped_with_sigterm(scratch_site, article_id):
    server, base = start_runserver(scratch_site, READERSHIP_FLUSH_EVERY="600")
    before = stored_views(scratch_site, article_id)
    send_beacons(base, article_id, range(100, 140))
    _terminate(server, signal.SIGTERM)
    assert stored_views(scratch_site, article_id) == before + 40, server.stdout.read()[-3000:]


def test_it_loses_at_most_the_last_second_on_sigkill(scratch_site, article_id):
    server, base = start_runserver(scratch_site)  # flushes every second (the default)
    before = stored_views(scratch_site, article_id)
    send_beacons(base, article_id, range(200, 240))
    _wait_until_stored(scratch_site, article_id, before + 40)  # by a periodic flush
    send_beacons(base, article_id, range(300, 310))
    _terminate(server, signal.SIGKILL)
    after = stored_views(scratch_site, article_id)
    assert before + 40 <= after <= before + 50


PRODUCTION = {"SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
              "WEB_CONCURRENCY": "2", **SERVER_ENV}  # fmt: skip


def _workers_of(server) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_it_loses_nothing_when_the_production_server_is_stopped_with_sigterm(
    scratch_site, article_id
):
    # `bigasia serve --production`: granian's worker processes end without atexit.
    server, base = scratch_site.serve_production(**PRODUCTION, READERSHIP_FLUSH_EVERY="600")
    before = stored_views(scratch_site, article_id)
    send_beacons(base, article_id, range(400, 460))
    _terminate(server, signal.SIGTERM)
    assert stored_views(scratch_site, article_id) == before + 60


def test_it_loses_at_most_the_last_second_when_production_workers_are_killed(
    scratch_site, article_id
):
    server, base = scratch_site.serve_production(**PRODUCTION)
    before = stored_views(scratch_site, article_id)
    send_beacons(base, article_id, range(500, 540))
    _wait_until_stored(scratch_site, article_id, before + 40)
    send_beacons(base, article_id, range(600, 610))
    for worker in _workers_of(server):
        os.kill(worker, signal.SIGKILL)
    _terminate(server, signal.SIGTERM)
    after = stored_views(scratch_site, article_id)
    assert before + 40 <= after <= before + 50
