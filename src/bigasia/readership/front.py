"""View beacons answered in front of Django, before its routing and middleware.

A beacon needs none of what Django's stack does per request (sessions, CSRF, locale, URL
resolution, security headers on a 204). The WSGI layer here answers POST/GET /r/v/<id>
itself when the gate can decide without the database (`gate.judge_without_database`: every
beacon of a story this process already knows, queued for Redis to judge, admission.py);
otherwise it hands the request to the same view the URLconf routes to (`views.beacon`, which
runs the whole gate), so the rules live in one place. Requests carrying a session cookie go
through Django: only there is the user loaded, which the editor check needs.
"""

from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIRequest

from . import views
from .gate import judge_without_database

PREFIX = "/r/v/"
STATUS_LINES = {204: "204 No Content", 429: "429 Too Many Requests"}
HEADERS = [("Cache-Control", "no-store")]


class BeaconFront:
    def __init__(self, app: WSGIApplication) -> None:
        self.app = app
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not self.answers(path, environ):
            return self.app(environ, start_response)
        raw_id = path[len(PREFIX) :]
        # No database and no session on this path, so none of Django's request signals
        # either (they close database connections and caches: about a quarter of the cost).
        verdict = judge_without_database(environ, raw_id)
        if verdict is None:
            return self._through_the_view(environ, raw_id, start_response)
        start_response(STATUS_LINES[views.record(*verdict)], HEADERS)
        return [b""]

    def _through_the_view(
        self, environ: WSGIEnvironment, raw_id: str, start_response: StartResponse
    ) -> Iterable[bytes]:
        # Django's request signals, as its handler sends them: a database connection opened by
        # the known-article check is closed or kept by the usual CONN_MAX_AGE rules.
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            response = views.beacon(WSGIRequest(environ), raw_id)
        finally:
            signals.request_finished.send(sender=self.__class__)
        start_response(f"{response.status_code} {response.reason_phrase}", [*response.items()])
        return [response.content]

    def answers(self, path: str, environ: WSGIEnvironment) -> bool:
        return (
            path.startswith(PREFIX)
            and "/" not in path[len(PREFIX) :]  # the route takes one segment; Django 404s others
            and self.session_cookie not in environ.get("HTTP_COOKIE", "")
        )
