"""Beacons are answered in front of Django: the same gate, without routing or middleware."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from bigasia.readership.front import BeaconFront
from tests.readership.conftest import BROWSER
from tests.wsgi_driver import call, wsgi_environ

pytestmark = pytest.mark.django_db


class Behind:
    """What the front layer wraps: Django, recording whether a request reached it."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.reached = 0

    def __call__(self, environ, start_response):
        self.reached += 1
        return self.django(environ, start_response)


@pytest.fixture
def front():
    behind = Behind()
    layer = BeaconFront(behind)
    # As Django's test client does: a real server closes the database connection after each
    # request, which would end the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def send(path: str, method: str = "POST", ip: str = "203.0.113.40", **headers: str):
        headers = {"User-Agent": BROWSER, **headers}
        return call(layer, wsgi_environ(path, method=method, client=ip, headers=headers))

    yield send, behind
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_it_counts_a_beacon_without_reaching_django(front, flushed_views, seed_article):
    send, behind = front
    before = flushed_views(seed_article)
    answer = send(f"/r/v/{seed_article.pk}")
    assert answer.status == 204 and dict(answer.headers)["Cache-Control"] == "no-store"
    assert send(f"/r/v/{seed_article.pk}").status == 204  # a replay
    assert behind.reached == 0
    assert flushed_views(seed_article) == before + 1


def test_it_applies_the_same_gate_to_bots_and_junk(front, flushed_views, seed_article):
    send, _behind = front
    before = flushed_views(seed_article)
    assert send(f"/r/v/{seed_article.pk}", user_agent="Googlebot/2.1").status == 204
    assert send("/r/v/not-a-number").status == 204
    assert send("/r/v/99999999").status == 204
    assert flushed_views(seed_article) == before


def test_it_leaves_editors_and_other_paths_to_django(front, seed_article):
    send, behind = front
    send(f"/r/v/{seed_article.pk}", cookie="sessionid=abc")
    send(f"/r/v/{seed_article.pk}/extra")
    send("/r/counts.json", method="GET")
    assert behind.reached == 3
