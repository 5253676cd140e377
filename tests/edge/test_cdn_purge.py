"""With a CDN configured, publishing sends it a PURGE for the page (Wagtail's frontend cache)."""

import pytest

from tests.http_fake import LocalHTTPServer, QuietHandler

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_receiver():
    received: list[tuple[str, str]] = []

    class Handler(QuietHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

    server = LocalHTTPServer(Handler).start()
    yield server.base_url, received
    server.stop()


def test_it_asks_the_cdn_to_purge_a_published_page(
    settings, purge_receiver, seed_article, django_capture_on_commit_callbacks
):
    location, received = purge_receiver
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        seed_article.save_revision().publish()
    assert any(path == seed_article.url for _host, path in received), received
