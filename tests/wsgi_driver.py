"""Requests sent to a WSGI application in-process, the way an app server sends them.

Django's test client skips parts of what a server does: it keeps the database connection
open past request_finished and leaves signal receivers behind per request. Tests of
connection handling, the hostile-input sweep and the benches' renders need the real
sequence, so they build the environ themselves and call the application through here.

It lives in tests/ because two of its three users are tests; the benches run from the
repository root (`python -m bench.<name>`), where `tests` is importable too. It needs the
standard library only, so a snippet run inside a scratch site can import it as well.
"""

import io
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# The only request headers that CGI, and so WSGI, names without the HTTP_ prefix.
_UNPREFIXED = {"CONTENT_TYPE", "CONTENT_LENGTH"}


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def wsgi_environ(
    path: str,
    *,
    method: str = "GET",
    query: str = "",
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
    client: str = "127.0.0.1",
    host: str = "testserver",
) -> dict:
    """The environ a server builds for one request: `path` as PATH_INFO (already %-decoded,
    latin-1 as every environ string), `headers` by their HTTP names ("User-Agent"),
    overriding the Host and Content-Length derived from `host` and `body`."""
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": host, "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": client, "HTTP_HOST": host, "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }  # fmt: skip
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key in _UNPREFIXED else f"HTTP_{key}"] = value
    return environ


def call(application: Callable, environ: dict) -> Reply:
    """Call the application and read its whole answer. Closing the answer is where Django
    sends request_finished (and closes or keeps the database connection), as a server
    does once the last byte is out."""
    captured: dict = {}

    def start_response(status: str, headers: list, exc_info=None) -> None:
        captured.update(status=int(status.split()[0]), headers=headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Reply(captured["status"], captured["headers"], body)
