"""View beacons answered in front of Django, before its routing and middleware.

A beacon needs none of what Django's stack does per request (sessions, CSRF, locale, URL
resolution, security headers on a 204): the WSGI layer here hands POST/GET /r/v/<id> straight
to the same view the URLconf routes to (`views.beacon`, which runs the whole gate), so the
rules live in one place. Requests carrying a session cookie go through Django: only there is
the user loaded, which the editor check needs.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIRequest

from . import views

PREFIX = "/r/v/"


class BeaconFront:
    def __init__(self, app: Callable) -> None:
        self.app = app
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not self.answers(path, environ):
            return self.app(environ, start_response)
        # Django's request signals, as its handler sends them: a database connection opened by
        # the known-article check is closed or kept by the usual CONN_MAX_AGE rules.
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            response = views.beacon(WSGIRequest(environ), path[len(PREFIX) :])
        finally:
            signals.request_finished.send(sender=self.__class__)
        start_response(f"{response.status_code} {response.reason_phrase}", [*response.items()])
        return [response.content]

    def answers(self, path: str, environ: dict) -> bool:
        return (
            path.startswith(PREFIX)
            and "/" not in path[len(PREFIX) :]  # the route takes one segment; Django 404s others
            and self.session_cookie not in environ.get("HTTP_COOKIE", "")
        )
