"""The cache-hit fast path: a WSGI layer in front of Django.

Anonymous GET and HEAD requests for reader pages are answered from the edge cache before
Django routes anything: no middleware, no session, no database query. Misses go through
Django; a cacheable answer (200, no cookie set, not varying by cookie, not private) is
stored with the surrogate tags the page declared.

Two levels: this process's memory (edge/memory.py), trusted while the purge generation
(edge/generation.py) has not moved, then the shared store (edge/store.py: Redis, or files
on one host). A hit from memory costs a dictionary lookup and an 8-byte read; after a purge
anywhere, each page in memory is revalidated once against its tags' versions. A purged page
may be served stale while one reader rebuilds it (edge/grace.py).

Why a WSGI layer rather than Django's cache middleware: that middleware runs after the
whole middleware stack has been entered and still costs a cache lookup per Vary header.
"""

import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.utils.http import http_date, parse_http_date_safe

from bigasia.core.pagecache import QUERY_HEADER

from . import grace, store
from .generation import Stamp, generation
from .memory import Kept, Memory
from .purgers import cdn_header
from .tags import HEADER, parse

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/xml", "text/xml", "application/json")  # fmt: skip
HOP_HEADERS = {"set-cookie", "content-length"}
INTERNAL_HEADERS = {HEADER.lower(), QUERY_HEADER.lower()}  # for the edge, never for readers
_S_MAXAGE = re.compile(r"s-maxage=(\d+)")
_MAX_AGE = re.compile(r"(?<![-\w])max-age=(\d+)")


class EdgeCache:
    def __init__(self, app: WSGIApplication) -> None:
        self.app = app
        self.memory = Memory(settings.EDGE_MEMORY_BYTES)
        self.generation = generation()
        self.bypass_prefixes = settings.EDGE_BYPASS_PREFIXES
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if not self.eligible(environ):
            return self.app(environ, start_response)
        request = store.request_key(
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
        now = self.generation.current()
        kept = self.memory.get(request) if now is not None else None
        if kept is not None and kept.generation == now:
            return self.serve_kept(kept, environ, start_response)  # the hot path: keep it short
        key = store.entry_key(request)
        if kept is not None and now is not None:
            # Something was purged since this page was last checked: is it still current?
            purged, in_grace = store.check(kept.entry)
            if not purged:
                self.memory.renew(kept, now)
                return self.serve_kept(kept, environ, start_response)
            # Purged, it stays in memory until replaced: the copy served while it is rebuilt
            # (without reading the store's copy, which is this one until the rebuild).
            if in_grace:
                return self.serve_in_grace(request, key, kept.entry, environ, start_response, now)
        entry = store.fetch(key)
        if entry is None:
            return self.fill(request, key, environ, start_response, now)
        purged, in_grace = store.check(entry)
        if not purged:
            return self.serve_current(request, entry, now, environ, start_response)
        if in_grace:
            return self.serve_in_grace(request, key, entry, environ, start_response, now)
        return self.fill(request, key, environ, start_response, now)

    def eligible(self, environ: WSGIEnvironment) -> bool:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return False
        if environ.get("PATH_INFO", "").startswith(self.bypass_prefixes):
            return False
        # A session cookie means a logged-in editor: they see drafts' effects and their own
        # user bar, never a shared copy (and never fill one).
        return self.session_cookie not in environ.get("HTTP_COOKIE", "")

    def serve_in_grace(
        self,
        request: str,
        key: str,
        stale: store.Entry,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        now: Stamp | None,
    ) -> Iterable[bytes]:
        """A purged page that may still be served: the first reader renders it, the others
        get the stale copy meanwhile. A HEAD never rebuilds: it would not store the page."""
        if environ["REQUEST_METHOD"] == "GET" and grace.claim_rebuild(key):
            try:
                # The reader who rebuilt it may have stored it and let go of the claim
                # between this reader's look into the store and its claim.
                rebuilt = store.fetch(key)
                if rebuilt is not None and store.is_current(rebuilt):
                    return self.serve_current(request, rebuilt, now, environ, start_response)
                return self.fill(request, key, environ, start_response, now)
            finally:
                grace.release_rebuild(key)
        return self.serve_hit(stale, environ, start_response, stale=True)

    def serve_current(
        self,
        request: str,
        entry: store.Entry,
        now: Stamp | None,
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        """A current entry of the shared store, kept in memory from now on when it can be."""
        kept = self.remember(request, entry, now)
        if kept is not None:
            return self.serve_kept(kept, environ, start_response)
        return self.serve_hit(entry, environ, start_response)

    def remember(self, key: str, entry: store.Entry, now: Stamp | None) -> Kept | None:
        """Keep an entry of the shared store in memory for the rest of its life.

        `now` is the generation read before the entry's versions were checked, so a purge
        that lands in between moves the generation past it."""
        remaining = entry.expires_at - time.time()
        if now is None or remaining <= 0 or not self.memory.max_bytes:
            return None
        return self.memory.put(key, entry, now, remaining)

    @staticmethod
    def serve_kept(
        kept: Kept, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        if _not_modified(environ, kept.entry):
            start_response("304 Not Modified", kept.headers_304)
            return [b""]
        start_response(kept.entry.status, kept.headers_200)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [kept.entry.body]

    @staticmethod
    def serve_hit(
        entry: store.Entry,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        stale: bool = False,
    ) -> Iterable[bytes]:
        headers = [*entry.headers, ("ETag", entry.etag), ("X-Cache", "STALE" if stale else "HIT")]
        if stale:  # a CDN or proxy in front must not keep a copy that is being replaced
            headers = [(n, "no-store" if n.lower() == "cache-control" else v) for n, v in headers]
        if _not_modified(environ, entry):
            start_response("304 Not Modified", headers)
            return [b""]
        start_response(entry.status, [*headers, ("Content-Length", str(len(entry.body)))])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [entry.body]

    def fill(
        self,
        request: str,
        key: str,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        before: Stamp | None,
    ) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(
            status: str,
            headers: list[tuple[str, str]],
            exc_info: object = None,
        ) -> Callable[[bytes], object]:
            captured.update(status=status, headers=headers)
            return lambda data: None  # Django returns its body; nobody calls write()

        result = self.app(environ, capture)
        status, headers = captured["status"], captured["headers"]
        tags = parse(_header(headers, HEADER))
        used_query = _header(headers, QUERY_HEADER)
        public_headers = [(n, v) for n, v in headers if n.lower() not in INTERNAL_HEADERS]
        # The CDN in front learns the tags too, also on answers we do not keep (a 404 it may
        # cache carries `other`, which every publish purges).
        cdn = cdn_header(tags)
        if cdn is not None:
            public_headers.append(cdn)
        ttl = self.ttl(status, headers) if environ["REQUEST_METHOD"] == "GET" else 0
        limit = settings.EDGE_MAX_ENTRY_BYTES
        # An answer that will not be stored goes out as Django streams it, never joined in
        # memory: a video of 512 MiB would otherwise be read whole before its first byte.
        if ttl == 0 or _declared_length(headers) > limit:
            return self.pass_through(result, status, public_headers, environ, start_response)
        body_chunks = iter(result)
        try:
            chunks, complete = _read_at_most(body_chunks, limit)
        except BaseException:
            _close(result)
            raise
        if not complete:  # too large to keep: send what was read, then the rest as it comes
            rest = _Rest(chunks, body_chunks, result)
            return self.pass_through(rest, status, public_headers, environ, start_response)
        _close(result)
        body = b"".join(chunks)
        # A purge while Django rendered may have missed what this answer shows: serve it,
        # but do not keep it (the versions read at store time would already be the new ones).
        unchanged = before is None or generation().current() == before
        if unchanged and _keyed_on_what_it_uses(request, used_query, ttl):
            kept = [(n, v) for n, v in public_headers if n.lower() not in HOP_HEADERS]
            if _header(kept, "Cache-Control") is None:
                kept.append(("Cache-Control", settings.EDGE_CACHE_CONTROL))
            if _header(kept, "Last-Modified") is None:
                kept.append(("Last-Modified", http_date()))
            entry = store.Entry(
                status=status,
                headers=kept,
                body=body,
                etag=store.etag_for(body),
                stored_at=0,
                tag_versions={},
            )
            stored = store.store(key, entry, tags, ttl)
            self.remember(request, stored, before)
            public_headers = [*entry.headers, ("ETag", entry.etag)]
            public_headers.append(("Content-Length", str(len(body))))
        start_response(status, [*public_headers, ("X-Cache", "MISS")])
        return [body]

    @staticmethod
    def pass_through(
        result: Iterable[bytes],
        status: str,
        headers: list[tuple[str, str]],
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        start_response(status, [*headers, ("X-Cache", "MISS")])
        if environ["REQUEST_METHOD"] == "HEAD":
            _close(result)
            return [b""]
        return result

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


def _keyed_on_what_it_uses(request: str, used_query: str | None, ttl: int) -> bool:
    """Only parameters the page declared it uses (`bigasia.core.pagecache`) may key a copy,
    and only while its path has room for another variant (`store.admit_variant`)."""
    names = store.query_names(request)
    if not names:
        return True
    return names <= set((used_query or "").split()) and store.admit_variant(request, ttl)


def _not_modified(environ: WSGIEnvironment, entry: store.Entry) -> bool:
    """The reader's copy is current: its ETag matches or, when it sent no ETag (RFC 9110
    gives If-None-Match precedence), the copy is not older than the stored page."""
    if "HTTP_IF_NONE_MATCH" in environ:
        if_none_match: str = environ["HTTP_IF_NONE_MATCH"]
        return if_none_match == entry.etag
    if "HTTP_IF_MODIFIED_SINCE" not in environ:  # the common case costs two dict lookups
        return False
    since = parse_http_date_safe(environ["HTTP_IF_MODIFIED_SINCE"])
    modified = parse_http_date_safe(_header(entry.headers, "Last-Modified") or "")
    return since is not None and modified is not None and since >= modified


def _declared_length(headers: list[tuple[str, str]]) -> int:
    declared = _header(headers, "Content-Length") or ""
    return int(declared) if declared.isdigit() else 0


def _read_at_most(body: Iterator[bytes], limit: int) -> tuple[list[bytes], bool]:
    """The body's chunks until it ends (True) or has passed `limit` bytes (False)."""
    chunks, size = [], 0
    for chunk in body:
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return chunks, False
    return chunks, True


class _Rest:
    """A body of which some chunks were already read: those, then the rest as it comes.
    Closing it closes Django's response (which ends the request: signals, connections)."""

    def __init__(self, read: list[bytes], body: Iterator[bytes], result: Iterable[bytes]) -> None:
        self.read, self.body, self.result = read, body, result

    def __iter__(self) -> Iterator[bytes]:
        yield from self.read
        self.read = []
        yield from self.body

    def close(self) -> None:
        _close(self.result)


def _close(result: Iterable[bytes]) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    values = [value for header, value in headers if header.lower() == lowered]
    return ", ".join(values) if values else None
