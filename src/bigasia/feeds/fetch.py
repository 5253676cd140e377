"""Fetching a feed politely and safely: one module that owns every network call.

- connects only to addresses the SSRF guard accepted, to that IP itself (Host header and SNI
  carry the name), re-checking every redirect hop (followed by hand, at most 5);
- connect and read timeouts plus an overall deadline, so a server that drips one byte a
  second cannot hold a worker;
- a cap on the (decompressed) body size, enforced while streaming;
- conditional GET with the stored ETag / Last-Modified; a User-Agent naming the site;
- `Retry-After` reported back so polling can honour it.
"""

import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils import timezone

from .errors import FetchError
from .netguard import Destination, resolve

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass
class FetchResult:
    status: int
    url: str
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    headers: dict = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, etag: str = "", last_modified: str = "") -> FetchResult:
    """GET a feed, following redirects by hand; raises FetchError for anything unusable."""
    deadline = time.monotonic() + settings.FEEDS_TOTAL_TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        pool, response = _request(url, _conditional_headers(etag, last_modified), deadline)
        try:
            if response.status not in (301, 302, 303, 307, 308):
                return _finish(url, response, deadline)
            location = response.headers.get("Location", "")
        finally:
            response.release_conn()
            pool.close()  # one pool per checked address and hop; no socket outlives the fetch
        if not location:
            raise FetchError("http", f"redirect {response.status} without Location")
        url = urljoin(url, location)
    raise FetchError("too-many-redirects", f"more than {MAX_REDIRECTS} redirects")


def _conditional_headers(etag: str, last_modified: str) -> dict[str, str]:
    headers = {
        "User-Agent": settings.FEEDS_USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml, "
        "application/json;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("bad-url", f"only http(s) URLs are fetched, not {url[:200]!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError("bad-url", f"bad port in {url[:200]!r}") from exc
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return parts.scheme, parts.hostname, port, target


def _pool(scheme: str, destination: Destination) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(
        connect=settings.FEEDS_CONNECT_TIMEOUT, read=settings.FEEDS_READ_TIMEOUT
    )
    if scheme == "https":
        # Connect to the checked IP, but present and verify the real name (SNI + certificate).
        return urllib3.HTTPSConnectionPool(
            destination.address,
            destination.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=destination.host,
            assert_hostname=destination.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(
        destination.address, destination.port, timeout=timeout, retries=False, maxsize=1
    )


def _request(
    url: str, headers: dict[str, str], deadline: float
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    scheme, host, port, target = _split(url)
    destination = resolve(host, port)  # refuses private/metadata addresses BEFORE connecting
    default_port = 443 if scheme == "https" else 80
    host_header = host if port == default_port else f"{host}:{port}"
    if time.monotonic() > deadline:
        raise FetchError("timeout", "overall deadline passed")
    pool = _pool(scheme, destination)
    try:
        return pool, pool.urlopen(
            "GET",
            target,
            headers={**headers, "Host": host_header},
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.TimeoutError as exc:
        pool.close()
        raise FetchError("timeout", f"{host}: {exc}") from exc
    except urllib3.exceptions.HTTPError as exc:
        pool.close()
        raise FetchError("connection", f"{host}: {exc}") from exc


def _finish(url: str, response: urllib3.BaseHTTPResponse, deadline: float) -> FetchResult:
    headers = {key.lower(): value for key, value in response.headers.items()}
    if response.status == 304:
        return FetchResult(status=304, url=url, headers=headers)
    if response.status != 200:
        raise FetchError(
            "http", f"HTTP {response.status}", retry_after=retry_after_seconds(headers)
        )
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.FEEDS_MAX_BYTES:
        raise FetchError("too-large", f"Content-Length {declared} exceeds the cap")
    body = _read_capped(response, headers.get("content-encoding", "").lower(), deadline)
    return FetchResult(
        status=200,
        url=url,
        body=body,
        content_type=headers.get("content-type", ""),
        etag=headers.get("etag", "")[:500],
        last_modified=headers.get("last-modified", "")[:100],
        headers=headers,
    )


def _decompressor(encoding: str):
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise FetchError("encoding", f"unsupported Content-Encoding {encoding[:50]!r}")


def _read_capped(response: urllib3.BaseHTTPResponse, encoding: str, deadline: float) -> bytes:
    cap = settings.FEEDS_MAX_BYTES
    decompressor = _decompressor(encoding)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError("too-slow", "the body did not arrive before the deadline")
            # read1 returns what one recv brings, so the deadline is checked between drips.
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            if decompressor is not None:
                # max_length bounds the output of this step: a gzip bomb cannot blow up memory.
                chunk = decompressor.decompress(chunk, cap - size + 1)
                if decompressor.unconsumed_tail:
                    raise FetchError("too-large", f"body exceeds {cap} bytes")
            size += len(chunk)
            if size > cap:
                raise FetchError("too-large", f"body exceeds {cap} bytes")
            parts.append(chunk)
    except urllib3.exceptions.TimeoutError as exc:
        raise FetchError("timeout", f"read timed out: {exc}") from exc
    except (urllib3.exceptions.HTTPError, zlib.error) as exc:
        raise FetchError("connection", f"body broken off: {exc}") from exc
    return b"".join(parts)


def retry_after_seconds(headers: dict) -> int | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date; None if absent/garbage."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0, int((when - timezone.now()).total_seconds()))
