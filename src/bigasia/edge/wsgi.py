"""The cache-hit fast path: a WSGI layer in front of Django.

Anonymous GET and HEAD requests for reader pages are answered from the edge store before
Django routes anything: no middleware, no session, no database query. Misses go through
Django; a cacheable answer (200, no cookie set, not varying by cookie, not private) is
stored with the surrogate tags the page declared.

Why a WSGI layer rather than Django's cache middleware: that middleware runs after the
whole middleware stack has been entered and still costs a cache lookup per Vary header; the
hit path here is a key hash, two cache reads and a byte string.
"""

import re
from collections.abc import Callable, Iterable

from django.conf import settings

from . import store
from .tags import HEADER, parse

StartResponse = Callable[..., object]
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/xml", "application/json")  # fmt: skip
HOP_HEADERS = {"set-cookie", "content-length"}
_S_MAXAGE = re.compile(r"s-maxage=(\d+)")
_MAX_AGE = re.compile(r"(?<![-\w])max-age=(\d+)")


class EdgeCache:
    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if not self.eligible(environ):
            return self.app(environ, start_response)
        key = store.entry_key(
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
        entry = store.lookup(key)
        if entry is not None:
            return self.serve_hit(entry, environ, start_response)
        return self.fill(key, environ, start_response)

    @staticmethod
    def eligible(environ: dict) -> bool:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return False
        path = environ.get("PATH_INFO", "")
        if path.startswith(settings.EDGE_BYPASS_PREFIXES):
            return False
        # A session cookie means a logged-in editor: they see drafts' effects and their own
        # user bar, never a shared copy (and never fill one).
        return settings.SESSION_COOKIE_NAME + "=" not in environ.get("HTTP_COOKIE", "")

    def serve_hit(self, entry: store.Entry, environ: dict, start_response: StartResponse):
        headers = [*entry.headers, ("ETag", entry.etag), ("X-Cache", "HIT")]
        if environ.get("HTTP_IF_NONE_MATCH") == entry.etag:
            start_response("304 Not Modified", headers)
            return [b""]
        start_response(entry.status, [*headers, ("Content-Length", str(len(entry.body)))])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [entry.body]

    def fill(self, key: str, environ: dict, start_response: StartResponse):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None  # Django returns its body; nobody calls write()

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured["status"], captured["headers"]
        tags_header = _header(headers, HEADER)
        public_headers = [(n, v) for n, v in headers if n.lower() != HEADER.lower()]
        ttl = self.ttl(status, headers)
        if environ["REQUEST_METHOD"] == "GET" and ttl > 0:
            kept = [(n, v) for n, v in public_headers if n.lower() not in HOP_HEADERS]
            if _header(kept, "Cache-Control") is None:
                kept.append(("Cache-Control", settings.EDGE_CACHE_CONTROL))
            entry = store.Entry(
                status=status,
                headers=kept,
                body=body,
                etag=store.etag_for(body),
                stored_at=0,
                tag_versions={},
            )
            store.store(key, entry, parse(tags_header), ttl)
            public_headers = [*entry.headers, ("ETag", entry.etag)]
            public_headers.append(("Content-Length", str(len(body))))
        start_response(status, [*public_headers, ("X-Cache", "MISS")])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    @staticmethod
    def ttl(status: str, headers: list[tuple[str, str]]) -> int:
        """Seconds to keep this answer; 0 when it must not be shared."""
        if not status.startswith("200"):
            return 0
        if _header(headers, "Set-Cookie") is not None:
            return 0
        if "cookie" in (_header(headers, "Vary") or "").lower():
            return 0
        content_type = (_header(headers, "Content-Type") or "").split(";")[0].strip()
        if content_type not in CACHEABLE_TYPES:
            return 0
        control = (_header(headers, "Cache-Control") or "").lower()
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return 0
        # An answer that says how long it stays fresh (e.g. fresh view counts) is kept no
        # longer than that.
        match = _S_MAXAGE.search(control) or _MAX_AGE.search(control)  # shared caches: s- first
        return min(int(match.group(1)), settings.EDGE_TTL) if match else settings.EDGE_TTL


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    values = [value for header, value in headers if header.lower() == lowered]
    return ", ".join(values) if values else None

