"""Send a raw request through the whole WSGI stack in-process and judge the answer."""

import io
import logging
import re
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

from .corpus import FOREIGN_HOST, MARK, Request

# What a reflected marker looks like when it was not escaped for the answer's language.
_UNESCAPED = [MARK[3:].encode(), b"<zq9", b"zq9'", b'zq9"']
_JSON_UNESCAPED = [b'zq9"', b"zq9'"]  # JSON escapes quotes; "<" is harmless in JSON


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    errors: list[str]  # what Django logged as errors while answering


class ErrorLog(logging.Handler):
    """Django logs every unhandled exception to "django.request" with its traceback."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        detail = record.exc_info[1] if record.exc_info else ""
        self.records.append(f"{record.getMessage()}: {detail!r}")


def environ_for(request: Request, client: str) -> dict:
    environ = {
        "REQUEST_METHOD": request.method, "PATH_INFO": request.path,
        "QUERY_STRING": request.query, "SCRIPT_NAME": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": client,
        "HTTP_HOST": "testserver", "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux) Firefox/130.0",
        "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "CONTENT_LENGTH": str(len(request.body)),
    }  # fmt: skip
    if request.content_type:
        environ["CONTENT_TYPE"] = request.content_type
    for name, value in request.headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_LENGTH" else f"HTTP_{key}"] = value
    return environ


def send(application, request: Request, client: str, log: ErrorLog) -> Answer:
    log.records.clear()
    captured: dict = {}

    def start_response(status: str, headers: list, exc_info=None) -> None:
        captured.update(status=int(status.split()[0]), headers=headers)

    result = application(environ_for(request, client), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()  # where Django sends request_finished, as a server would
    return Answer(captured["status"], captured["headers"], body, list(log.records))


def problems(answer: Answer) -> list[str]:
    """What is wrong with an answer to hostile input: a server error, the input echoed
    unescaped (in the body, or as a header of its own via CR/LF), or a redirect off-site."""
    found = []
    if answer.status >= 500:
        found.append(f"{answer.status} {'; '.join(answer.errors)}")
    content_type = dict((k.lower(), v) for k, v in answer.headers).get("content-type", "")
    needles = _JSON_UNESCAPED if "json" in content_type else _UNESCAPED
    if not content_type.startswith(("video/", "image/", "audio/")):
        found += [f"echoes {needle!r} unescaped" for needle in needles if needle in answer.body]
    for name, value in answer.headers:
        if re.search(r"[\r\n\x00]", f"{name}{value}") or name.lower() == "x-injected":
            found.append(f"header {name!r} carries the input's line break: {value[:80]!r}")
        # Browsers read a backslash in a URL as a slash: /\evil.example leaves the site too.
        if name.lower() == "location" and FOREIGN_HOST in urlsplit(value.replace("\\", "/")).netloc:
            found.append(f"redirects to the host the input named: {value[:80]!r}")
    return found
