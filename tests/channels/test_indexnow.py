"""IndexNow pings against a local endpoint that answers with the protocol's status codes."""

import pytest

from bigasia.channels.providers.base import PermanentFailure, Posted, RetryLater
from bigasia.channels.providers.indexnow import IndexNowTransport

from .conftest import ARTICLE_URL, make_post

pytestmark = pytest.mark.db_independent

KEY = "5f2b8c1d9e7a4b3c"
ENGLISH_URL = "https://bigasia.example/en/content/news/politics/sco-summit/"


@pytest.fixture(autouse=True)
def _key(settings):
    settings.INDEXNOW_KEY = KEY


def transport(fake_api) -> IndexNowTransport:
    return IndexNowTransport({"endpoint": f"{fake_api.base_url}/indexnow"}, "", 5)


def test_publish_pings_the_article_and_its_translations(fake_api):
    assert transport(fake_api).publish(make_post(alternate_urls=(ENGLISH_URL,))) == Posted()
    request = fake_api.received[0]
    assert (request.method, request.path) == ("POST", "/indexnow")
    assert request.content_type == "application/json"
    assert request.json() == {
        "host": "bigasia.example",
        "key": KEY,
        "keyLocation": f"https://bigasia.example/{KEY}.txt",
        "urlList": [ARTICLE_URL, ENGLISH_URL],
    }


@pytest.mark.parametrize("action", ["update", "withdraw"])
def test_update_and_withdraw_ping_too(fake_api, action):
    getattr(transport(fake_api), action)(make_post(), Posted())
    assert fake_api.received[0].json()["urlList"] == [ARTICLE_URL]


def test_translations_on_another_host_go_in_their_own_ping(fake_api):
    other = "https://en.bigasia.example/en/sco-summit/"
    transport(fake_api).publish(make_post(alternate_urls=(other, ARTICLE_URL)))
    pings = [request.json() for request in fake_api.received]
    assert [(ping["host"], ping["urlList"]) for ping in pings] == [
        ("bigasia.example", [ARTICLE_URL]),
        ("en.bigasia.example", [other]),
    ]
    assert pings[1]["keyLocation"] == f"https://en.bigasia.example/{KEY}.txt"


def test_accepted_for_later_key_check_is_success(fake_api):
    fake_api.answer = lambda received: (202, b"", {})
    transport(fake_api).publish(make_post())


@pytest.mark.parametrize(
    ("status", "meaning"),
    [(400, "malformed"), (403, "key is not valid"), (422, "do not belong to the host")],
)
def test_refusals_say_what_the_protocol_means(fake_api, status, meaning):
    fake_api.answer = lambda received: (status, b"", {})
    with pytest.raises(PermanentFailure, match=meaning):
        transport(fake_api).publish(make_post())


def test_too_many_requests_is_retried(fake_api):
    fake_api.answer = lambda received: (429, b"", {})
    with pytest.raises(RetryLater, match="429"):
        transport(fake_api).publish(make_post())


def test_without_a_key_nothing_is_sent(fake_api, settings):
    settings.INDEXNOW_KEY = ""
    with pytest.raises(PermanentFailure, match="INDEXNOW_KEY"):
        transport(fake_api).publish(make_post())
    assert fake_api.received == []
