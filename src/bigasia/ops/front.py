"""The outermost WSGI layer: health endpoints, /metrics, request ids and request timing.

/healthz, /readyz and /metrics are answered here, before the view beacons, the edge cache
and Django: a probe from a load balancer on the loopback gets no ALLOWED_HOSTS check, no
HTTPS redirect and never a cached copy. Every other request gets a request id (nginx's
X-Request-ID when it is sane, else a new one) in the log context, and its time, kind and
edge-cache outcome go to bigasia_request_duration_seconds.
"""

import itertools
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core import signals

from bigasia.core import metrics
from bigasia.core.logs import request_id

from . import exposition, readiness

StartResponse = Callable[..., object]
NO_STORE = ("Cache-Control", "no-store")
_OWN_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})  # answered here, never passed on
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The first path segment names the kind of view; anything else is a page (article, section,
# home, listing), which is what the edge cache serves.
_KINDS = {
    "r": "readership", "admin": "admin", "django-admin": "admin", "static": "static",
    "media": "media", "documents": "media", "tv": "tv", "partners": "partners",
    "newsletters": "newsletters", "search": "search", "sitemap.xml": "sitemap",
    "news-sitemap.xml": "sitemap", "robots.txt": "robots", "feeds": "feeds", "rss": "feeds",
}  # fmt: skip


class OpsFront:
    def __init__(self, app: Callable) -> None:
        self.app = app
        # With /metrics off nobody can read the timings: a cache hit costs a few
        # microseconds, and timing it (label lookup, histogram update) cost four times that.
        self.timed = settings.METRICS_ENABLED
        self._timers: dict[tuple[str, str, str], Any] = {}  # one histogram child per label set

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path in _OWN_PATHS:
            return self._own(path, environ, start_response)
        given = environ.get("HTTP_X_REQUEST_ID")
        this_id = given if given and _SANE_ID.match(given) else _new_request_id()
        token = request_id.set(this_id)
        header = ("X-Request-ID", this_id)

        def start_with_id(status, headers, exc_info=None):
            return start_response(status, [*headers, header], exc_info)

        try:
            if self.timed:
                return self._timed(path, environ, start_with_id)
            return self.app(environ, start_with_id)
        finally:
            request_id.reset(token)

    @staticmethod
    def _own(path: str, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if path == "/healthz":
            return _answer(start_response, "200 OK", b"ok\n", "text/plain; charset=utf-8")
        if path == "/readyz":
            return _ready(start_response)
        return exposition.answer(environ, start_response)

    def _timed(self, path: str, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict = {}

        def seen_start(status, headers, exc_info=None):
            seen["status"] = status
            seen["headers"] = headers
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, seen_start)
        finally:
            self._timer(path, seen).observe(time.perf_counter() - started)

    def _timer(self, path: str, seen: dict) -> Any:
        headers = seen.get("headers", ())
        cache = next((v for n, v in headers if n == "X-Cache"), "none").lower()
        labels = (view_kind(path), cache, seen.get("status", "500")[:1] + "xx")
        timer = self._timers.get(labels)
        if timer is None:  # a handful of label sets: kinds × cache outcomes × status classes
            timer = self._timers[labels] = metrics.REQUESTS.labels(*labels)
        return timer


class _RequestIds:
    """Ids unique across processes and hosts without a system call each: a random prefix
    per process (drawn again in a forked child, which would otherwise repeat its parent's
    sequence) and a counter. 32 hex digits, like a UUID's."""

    def __init__(self) -> None:
        self.reset()
        os.register_at_fork(after_in_child=self.reset)

    def reset(self) -> None:
        self.prefix = secrets.token_hex(8)
        self.counter = itertools.count()

    def __call__(self) -> str:
        return f"{self.prefix}{next(self.counter):016x}"


_new_request_id = _RequestIds()


def view_kind(path: str) -> str:
    parts = path.strip("/").split("/")
    if parts[0] in ("ru", "en") and len(parts) > 1:  # language prefix: look one further
        return _KINDS.get(parts[1], "page")
    return _KINDS.get(parts[0], "page")


def _ready(start_response: StartResponse) -> Iterable[bytes]:
    # Django's request signals, as its handler sends them: a connection that went bad while
    # the database restarted is dropped before the check, not reported as an outage forever.
    signals.request_started.send(sender=OpsFront)
    try:
        report = readiness.report()
    finally:
        signals.request_finished.send(sender=OpsFront)
    body = json.dumps(report, ensure_ascii=False, indent=1).encode()
    status = "200 OK" if report["ready"] else "503 Service Unavailable"
    return _answer(start_response, status, body, "application/json")


def _answer(start_response: StartResponse, status: str, body: bytes, content_type: str):
    start_response(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body))), NO_STORE],
    )
    return [body]
