"""Real app processes, real signals: SIGTERM loses no view, SIGKILL at most the last second."""

import signal
import time

import pytest

from tests.readership.servers import (
    send_beacons,
    some_article_id,
    start_gunicorn,
    start_runserver,
    stored_views,
)


@pytest.fixture(scope="module")
def article_id(scratch_site) -> int:
    return some_article_id(scratch_site)


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
    time.sleep(2.5)  # more than one flush interval: these 40 must be stored already
    send_beacons(base, article_id, range(300, 310))
    _terminate(server, signal.SIGKILL)
    after = stored_views(scratch_site, article_id)
    assert before + 40 <= after <= before + 50
