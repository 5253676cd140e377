"""Drive the edge cache as a WSGI server would, in front of the real Django application."""

from dataclasses import dataclass

import pytest
from django.core import signals
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from bigasia.edge.wsgi import EdgeCache
from tests.wsgi_driver import call, wsgi_environ


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@pytest.fixture
def edge(settings):
    settings.EDGE_ENABLED = True
    caches["edge"].clear()
    app = EdgeCache(WSGIHandler())
    # As Django's test client does: a real server closes the DB connection after each
    # request, which would end the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def request(path: str, method: str = "GET", **headers: str) -> Answer:
        path_info, _, query = path.partition("?")
        reply = call(app, wsgi_environ(path_info, method=method, query=query, headers=headers))
        return Answer(reply.status, dict(reply.headers), reply.body)

    yield request
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    caches["edge"].clear()
