"""WebSub publish pings against a local hub."""

import pytest

from bigasia.channels.providers.base import PermanentFailure, Posted, RetryLater
from bigasia.channels.providers.websub import WebSubTransport

from .conftest import make_post

pytestmark = pytest.mark.db_independent

FEEDS = (
    "https://bigasia.example/ru/rss.xml",
    "https://bigasia.example/ru/feeds/country/kazakhstan/atom.xml",
)


@pytest.fixture(autouse=True)
def _hub(settings, fake_api):
    settings.WEBSUB_HUB_URL = f"{fake_api.base_url}/hub"


def test_each_changed_feed_is_pinged_to_the_hub(fake_api):
    fake_api.answer = lambda received: (204, b"", {})
    assert WebSubTransport({}, "", 5).publish(make_post(feed_urls=FEEDS)) == Posted()
    assert [(request.method, request.path) for request in fake_api.received] == [
        ("POST", "/hub"),
        ("POST", "/hub"),
    ]
    assert [request.form() for request in fake_api.received] == [
        {"hub.mode": ["publish"], "hub.url": [feed]} for feed in FEEDS
    ]


def test_an_update_pings_again(fake_api):
    WebSubTransport({}, "", 5).update(make_post(feed_urls=FEEDS[:1]), Posted())
    assert len(fake_api.received) == 1


def test_a_refusal_is_permanent_and_quotes_the_hub(fake_api):
    fake_api.answer = lambda received: (400, b"hub.url is not a topic of this hub", {})
    with pytest.raises(PermanentFailure, match="not a topic of this hub"):
        WebSubTransport({}, "", 5).publish(make_post(feed_urls=FEEDS))
    assert len(fake_api.received) == 1


def test_a_hub_fault_is_retried(fake_api):
    fake_api.answer = lambda received: (503, b"", {})
    with pytest.raises(RetryLater):
        WebSubTransport({}, "", 5).publish(make_post(feed_urls=FEEDS))


def test_without_a_hub_nothing_is_sent(fake_api, settings):
    settings.WEBSUB_HUB_URL = ""
    with pytest.raises(PermanentFailure, match="WEBSUB_HUB_URL"):
        WebSubTransport({}, "", 5).publish(make_post(feed_urls=FEEDS))
    assert fake_api.received == []
