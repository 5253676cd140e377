"""What every transport shares: trimming to a channel's limit without losing the link, the
default text, and HTTP calls that end within their deadline whatever the server does."""

import pytest

from bigasia.channels.providers.base import (
    ChannelPost,
    ChannelTransport,
    PermanentFailure,
    Posted,
    RetryLater,
    compose_text,
    transport_class,
    trim_to,
)
from bigasia.channels.providers.telegram import TelegramTransport

from .fake_apis import FakeApi

pytestmark = pytest.mark.db_independent

LINK = "https://bigasia.example/ru/content/news/politics/sammit/"


class Probe(ChannelTransport):
    """A transport that only calls the URL it is given, to exercise the shared helper."""

    kind = "probe"

    def publish(self, post: ChannelPost) -> Posted:
        return Posted()


def test_a_text_within_the_limit_is_left_alone():
    text = "Саммит в Астане " + LINK
    assert trim_to(text, len(text)) == text


def test_trimming_cuts_at_a_word_and_keeps_the_link_whole():
    text = "Лидеры ШОС договорились о платёжной системе, общей для всех\n\n" + LINK
    trimmed = trim_to(text, 30 + len(LINK))
    assert trimmed == "Лидеры ШОС договорились о…\n\n" + LINK
    assert len(trimmed) <= 30 + len(LINK)


def test_no_dangling_comma_before_the_ellipsis():
    assert trim_to("Итоги саммита, которые важны", 16) == "Итоги саммита…"


def test_a_word_longer_than_the_room_is_cut_inside():
    assert trim_to("a " + "б" * 50, 20) == "a " + "б" * 17 + "…"


def test_trimming_by_another_measure_counts_in_its_units():
    def double(text: str) -> int:
        return 2 * len(text)

    assert double(trim_to("один два три четыре", 20, double)) <= 20


def test_a_limit_that_leaves_no_room_before_the_link_is_a_programming_error():
    with pytest.raises(ValueError):
        trim_to("Текст " + LINK, len(LINK))


def test_the_default_text_is_headline_lead_and_link_in_paragraphs():
    assert compose_text(" Саммит ", "Лид.", LINK) == f"Саммит\n\nЛид.\n\n{LINK}"
    assert compose_text("Саммит", "", LINK) == f"Саммит\n\n{LINK}"


def test_the_default_text_fits_the_channel():
    composed = TelegramTransport.default_text("Саммит", "слово " * 400, LINK, with_image=True)
    assert TelegramTransport.measure(composed) <= 1024 and composed.endswith("…\n\n" + LINK)


def test_transports_are_found_by_kind():
    assert transport_class("telegram") is TelegramTransport


def test_an_api_that_hangs_ends_in_retry_later(hanging_api: FakeApi):
    probe = Probe({}, "", timeout=0.5)
    with pytest.raises(RetryLater, match="did not answer within 0.5 s"):
        probe.http("POST", hanging_api.base_url + "/method")
    assert len(hanging_api.received) == 1


def test_an_unreachable_api_is_retried_later():
    # Port 9 (discard) has no listener on the test machine: the connection is refused.
    with pytest.raises(RetryLater, match="Could not reach 127.0.0.1:9"):
        Probe({}, "", timeout=2).http("GET", "http://127.0.0.1:9/")


def test_a_server_fault_is_retried_later(fake_api: FakeApi):
    fake_api.answer = lambda received: (502, b"<html>Bad Gateway</html>", {})
    with pytest.raises(RetryLater, match="answered 502"):
        Probe({}, "", timeout=2).http("GET", fake_api.base_url + "/")


def test_a_redirect_names_its_origin_but_not_its_path(fake_api: FakeApi):
    location = "https://api.example/bot123:SECRET/sendMessage"
    fake_api.answer = lambda received: (301, b"", {"Location": location})
    with pytest.raises(PermanentFailure) as failure:
        Probe({}, "", timeout=2).http("GET", fake_api.base_url + "/bot123:SECRET/sendMessage")
    assert "https://api.example" in str(failure.value) and "SECRET" not in str(failure.value)


def test_other_answers_reach_the_transport_parsed(fake_api: FakeApi):
    fake_api.answer = lambda received: (400, {"ok": False, "description": "Bad"}, {})
    answer = Probe({}, "", timeout=2).http("POST", fake_api.base_url + "/", json={"a": 1})
    assert (answer.status, answer.data) == (400, {"ok": False, "description": "Bad"})
    assert fake_api.received[0].json() == {"a": 1}
