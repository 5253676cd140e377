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


def _serve(handler):
    from tests.edge.cdn_fakes import FakeAPI

    return FakeAPI(handler).start()


@pytest.fixture
def cloudflare(settings):
    """A local Cloudflare API that the settings point EDGE_CDN=cloudflare at."""
    from tests.edge import cdn_fakes

    api = _serve(cdn_fakes.CloudflareAPI)
    settings.EDGE_CDN = "cloudflare"
    settings.EDGE_CLOUDFLARE_ZONE_ID = cdn_fakes.CLOUDFLARE_ZONE
    settings.EDGE_CLOUDFLARE_API_TOKEN = cdn_fakes.CLOUDFLARE_TOKEN
    settings.EDGE_CLOUDFLARE_API_URL = f"{api.base_url}/client/v4"
    settings.EDGE_CDN_TIMEOUT = 0.5
    yield api
    api.stop()


@pytest.fixture
def fastly(settings):
    """A local Fastly API that the settings point EDGE_CDN=fastly at."""
    from tests.edge import cdn_fakes

    api = _serve(cdn_fakes.FastlyAPI)
    settings.EDGE_CDN = "fastly"
    settings.EDGE_FASTLY_SERVICE_ID = cdn_fakes.FASTLY_SERVICE
    settings.EDGE_FASTLY_API_KEY = cdn_fakes.FASTLY_KEY
    settings.EDGE_FASTLY_API_URL = api.base_url
    settings.EDGE_CDN_TIMEOUT = 0.5
    yield api
    api.stop()


@pytest.fixture
def varnishes(settings):
    """Two local Varnish listeners (the VCL of docs/edge.md) behind EDGE_CDN=varnish."""
    from tests.edge import cdn_fakes

    servers = [_serve(cdn_fakes.VarnishXkey), _serve(cdn_fakes.VarnishXkey)]
    settings.EDGE_CDN = "varnish"
    settings.EDGE_VARNISH_PURGE_URLS = [server.base_url for server in servers]
    settings.EDGE_CDN_TIMEOUT = 0.5
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture
def worker(settings):
    """Tasks are queued, not run, until the test runs them as a worker would: `worker()`
    runs every queued task once and returns what it queued, so retries and their run_after
    can be looked at before they run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    def run_queued():
        queued = list(default_task_backend.results)
        default_task_backend.clear()
        for result in queued:
            result.task.call(*result.args, **result.kwargs)
        return list(default_task_backend.results)

    return run_queued
