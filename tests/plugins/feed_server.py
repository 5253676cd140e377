"""A partner's web server, for real: a threaded http.server on 127.0.0.1 serving the feed
files in tests/feeds/files/ plus the misbehaving answers the engine must survive."""

import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.http_fake import LocalHTTPServer, QuietHandler

FILES = Path(__file__).resolve().parents[1] / "feeds" / "files"
FIFTY_MB = 50 * 1024 * 1024


class FeedServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.hits: dict[str, int] = {}
        self.httpd = LocalHTTPServer(self._handler_class())

    @property
    def base(self) -> str:
        return self.httpd.base_url

    def url(self, path: str) -> str:
        return self.base + path

    def _handler_class(self):
        server = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                server.requests.append((path, dict(self.headers)))
                server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the fetcher hung up on purpose (cap, deadline)

        return Handler


def send_file(name: str, content_type: str = "application/rss+xml; charset=utf-8", etag=""):
    def route(handler):
        body = (FILES / name).read_bytes()
        if etag and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        if etag:
            handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)

    return route


def fifty_megabytes(handler):
    """50 MB without a Content-Length, so only a streaming cap can stop it."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>')
    filler = b"<!-- " + b"x" * (1024 * 1024 - 9) + b" -->"
    for _ in range(FIFTY_MB // len(filler)):
        handler.wfile.write(filler)
    handler.close_connection = True


def never_ends(handler):
    """A body that drips one byte every 0.1 s forever."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    for _ in range(100_000):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.1)
    handler.close_connection = True


def send_current(state: dict, content_type: str):
    """Answers with whatever `state["body"]` holds at request time, so a test can change
    what the feed says between polls."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(state["body"])))
        handler.end_headers()
        handler.wfile.write(state["body"])

    return route


def error_then_not_modified(server: FeedServer):
    def route(handler):
        if server.hits["/flaky.xml"] == 1:
            handler.send_response(500)
            handler.send_header("Retry-After", "600")
        else:
            handler.send_response(304)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def redirect_to(location: str):
    def route(handler):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


@pytest.fixture
def feed_server():
    server = FeedServer()
    server.routes.update(
        {
            "/partner.xml": send_file("partner_rss.xml", etag='"v1"'),
            "/atom.xml": send_file("partner_atom.xml", "application/atom+xml"),
            "/laughs.xml": send_file("billion_laughs.xml"),
            "/xxe.xml": send_file("external_entity.xml"),
            "/cp1251.xml": send_file("cp1251_declared_utf8.xml"),
            "/agency.json": send_file("agency.json", "application/json"),
            "/huge.xml": fifty_megabytes,
            "/drip.xml": never_ends,
            "/flaky.xml": error_then_not_modified(server),
            "/to-private.xml": redirect_to("http://10.0.0.1/feed.xml"),
            "/to-metadata.xml": redirect_to("http://169.254.169.254/latest/meta-data/"),
            "/to-partner.xml": redirect_to("/partner.xml"),
            "/loop.xml": redirect_to("/loop.xml"),
        }
    )
    server.httpd.start()
    yield server
    server.httpd.stop()


@pytest.fixture
def feed_settings(settings):
    """The fetcher may reach the loopback partner, with limits small enough for tests."""
    settings.FEEDS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FEEDS_MAX_BYTES = 1024 * 1024
    settings.FEEDS_CONNECT_TIMEOUT = 2
    settings.FEEDS_READ_TIMEOUT = 2
    settings.FEEDS_TOTAL_TIMEOUT = 2


@pytest.fixture
def make_source(feed_server):
    from bigasia.feeds.models import FeedSource

    def make(path: str, **fields) -> FeedSource:
        defaults = {"name": path.strip("/"), "language": "ru", "kind": "partner"}
        defaults.update(fields)
        return FeedSource.objects.create(url=feed_server.url(path), **defaults)

    return make
