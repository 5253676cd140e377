"""Send a raw request through the whole WSGI stack in-process and judge the answer."""

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.wsgi_driver import Reply, call, wsgi_environ

from .corpus import FOREIGN_HOST, MARK, Request

# What a reflected marker looks like when it was not escaped for the answer's language.
_UNESCAPED = [MARK[3:].encode(), b"<zq9", b"zq9'", b'zq9"']
_JSON_UNESCAPED = [b'zq9"', b"zq9'"]  # JSON escapes quotes; "<" is harmless in JSON
BROWSER = "Mozilla/5.0 (X11; Linux) Firefox/130.0"  # what a probe's User-Agent is unless set


@dataclass
class Answer(Reply):
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
    content_type = {"Content-Type": request.content_type} if request.content_type else {}
    headers = {"User-Agent": BROWSER, **content_type, **request.headers}
    return wsgi_environ(request.path, method=request.method, query=request.query,
                        body=request.body, headers=headers, client=client)  # fmt: skip


def send(application, request: Request, client: str, log: ErrorLog) -> Answer:
    log.records.clear()
    reply = call(application, environ_for(request, client))
    return Answer(reply.status, reply.headers, reply.body, list(log.records))


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
