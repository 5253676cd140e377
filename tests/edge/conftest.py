"""Drive the edge cache as a WSGI server would, in front of the real Django application."""

from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from bigasia.edge.wsgi import EdgeCache


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
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path_info, "QUERY_STRING": query,
                   "HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}  # fmt: skip
        environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
        setup_testing_defaults(environ)
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured.update(status=int(status.split()[0]), headers=dict(response_headers))

        body = b"".join(app(environ, start_response))
        return Answer(captured["status"], captured["headers"], body)

    yield request
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    caches["edge"].clear()
