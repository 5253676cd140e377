"""The Telegram transport against a local Bot API server that keeps the channel's messages,
checks the token in the path and enforces the caption and text limits as Telegram does."""

import pytest
from django.utils import translation

from bigasia.channels.providers.base import PermanentFailure, Posted, RetryLater
from bigasia.channels.providers.telegram import TelegramTransport, utf16_length

from .conftest import ARTICLE_URL, make_post
from .fake_apis import FakeBotApi, error

pytestmark = pytest.mark.db_independent

TOKEN = "123456:AAE-test-token"


@pytest.fixture
def bot_api():
    api = FakeBotApi(TOKEN)
    yield api
    api.stop()


def transport(bot_api: FakeBotApi, token: str = TOKEN, chat_id: str = "@bigasia_news"):
    return TelegramTransport({"chat_id": chat_id, "api_url": bot_api.base_url}, token, 5)


def test_a_story_with_an_image_is_a_photo_with_its_caption(bot_api, hero_jpeg):
    posted = transport(bot_api).publish(make_post(image=hero_jpeg))
    request = bot_api.received[0]
    assert (request.method, request.path) == ("POST", f"/bot{TOKEN}/sendPhoto")
    fields = request.multipart()
    assert fields["photo"] == ("hero.jpg", hero_jpeg.read_bytes())
    assert fields["chat_id"] == (None, b"@bigasia_news")
    assert fields["caption"][1].decode() == make_post().text
    assert posted == Posted(
        remote_id="-1001234567890:1:caption", link="https://t.me/bigasia_news/1"
    )


def test_a_story_without_an_image_is_a_message_with_a_link_preview(bot_api):
    posted = transport(bot_api).publish(make_post())
    request = bot_api.received[0]
    assert request.path == f"/bot{TOKEN}/sendMessage"
    assert request.json() == {
        "chat_id": "@bigasia_news",
        "text": make_post().text,
        "link_preview_options": {"url": ARTICLE_URL, "prefer_large_media": True},
    }
    assert posted.remote_id == "-1001234567890:1:text"


def test_a_private_channel_gets_a_members_link(bot_api):
    posted = transport(bot_api, chat_id="-1001234567890").publish(make_post())
    assert posted.link == "https://t.me/c/1234567890/1"


def test_an_image_over_10_mb_goes_out_as_a_message(bot_api, tmp_path):
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)
    transport(bot_api).publish(make_post(image=huge))
    assert bot_api.received[0].path.endswith("/sendMessage")


def test_an_image_too_elongated_for_telegram_goes_out_as_a_message(bot_api, tmp_path):
    from PIL import Image

    banner = tmp_path / "banner.png"
    Image.new("RGB", (2100, 100)).save(banner)
    transport(bot_api).publish(make_post(image=banner))
    assert bot_api.received[0].path.endswith("/sendMessage")


def long_text(prose_char: str, limit: int) -> str:
    """Prose with no spaces, far over `limit`, then the article's link."""
    return prose_char * (limit * 2) + "\n\n" + ARTICLE_URL


@pytest.mark.parametrize("prose_char", ["б", "😀"])
def test_a_caption_too_long_is_trimmed_exactly_to_1024_utf16_units(bot_api, hero_jpeg, prose_char):
    transport(bot_api).publish(make_post(image=hero_jpeg, text=long_text(prose_char, 1024)))
    caption = bot_api.messages[1]["caption"]
    # The fake refuses over 1024 as Telegram does; under it would waste the room.
    room_is_even = (1024 - utf16_length("…\n\n" + ARTICLE_URL)) % 2 == 0
    expected = 1024 if prose_char == "б" or room_is_even else 1023
    assert utf16_length(caption) == expected
    assert caption.endswith("…\n\n" + ARTICLE_URL)


def test_a_message_too_long_is_trimmed_to_4096_utf16_units(bot_api):
    transport(bot_api).publish(make_post(text=long_text("ж", 4096)))
    text = bot_api.messages[1]["text"]
    assert utf16_length(text) == 4096 and text.endswith(ARTICLE_URL)


def test_a_text_of_exactly_the_limit_goes_out_whole(bot_api, hero_jpeg):
    prose = "🌏" * ((1024 - utf16_length("\n\n" + ARTICLE_URL)) // 2)
    text = prose + "\n\n" + ARTICLE_URL
    assert utf16_length(text) in (1023, 1024) and len(text) < 1000
    transport(bot_api).publish(make_post(image=hero_jpeg, text=text))
    assert bot_api.messages[1]["caption"] == text


def test_an_update_edits_the_caption_of_the_photo(bot_api, hero_jpeg):
    channel = transport(bot_api)
    posted = channel.publish(make_post(image=hero_jpeg))
    assert channel.update(make_post(image=hero_jpeg, text="Новая подпись"), posted) == posted
    request = bot_api.received[-1]
    assert request.path.endswith("/editMessageCaption")
    assert request.json() == {
        "chat_id": "-1001234567890",
        "message_id": 1,
        "caption": "Новая подпись",
    }
    assert bot_api.messages[1]["caption"] == "Новая подпись"


def test_an_update_edits_the_text_of_the_message(bot_api):
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    channel.update(make_post(text="Новый текст " + ARTICLE_URL), posted)
    assert bot_api.received[-1].path.endswith("/editMessageText")
    assert bot_api.messages[1]["text"] == "Новый текст " + ARTICLE_URL


def test_an_update_with_the_same_text_is_a_success(bot_api):
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    assert channel.update(make_post(), posted) == posted


def test_an_update_of_a_post_deleted_in_the_channel_says_so(bot_api):
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    bot_api.messages.clear()
    with pytest.raises(PermanentFailure, match="deleted from the channel"):
        channel.update(make_post(text="Новый"), posted)


def test_withdraw_deletes_the_message(bot_api):
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    channel.withdraw(make_post(), posted)
    assert bot_api.received[-1].json() == {"chat_id": "-1001234567890", "message_id": 1}
    assert bot_api.messages == {}
    channel.withdraw(make_post(), posted)  # already gone: nothing left to do


def test_withdraw_of_a_post_over_48_hours_old_says_to_delete_it_by_hand(bot_api):
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    bot_api.too_old.add(1)
    with pytest.raises(PermanentFailure, match="under 48 hours old"):
        channel.withdraw(make_post(), posted)
    assert 1 in bot_api.messages


def test_a_revoked_token_is_a_permanent_failure(bot_api):
    with pytest.raises(PermanentFailure, match="BotFather") as failure:
        transport(bot_api, token="123456:revoked").publish(make_post())
    assert "revoked" in bot_api.received[0].path and "123456:revoked" not in str(failure.value)


def test_a_bot_that_is_not_admin_is_told_to_be_made_one(bot_api):
    bot_api.failures.append(error(403, "Forbidden: bot is not a member of the channel chat"))
    with pytest.raises(PermanentFailure, match="administrator"):
        transport(bot_api).publish(make_post())


def test_too_many_requests_is_retried_after_telegrams_delay(bot_api):
    bot_api.failures.append(error(429, "Too Many Requests: retry after 17", retry_after=17))
    with pytest.raises(RetryLater) as retry:
        transport(bot_api).publish(make_post())
    assert retry.value.retry_after == 17


def test_a_bot_api_fault_is_retried_later(bot_api):
    bot_api.failures.append(error(502, "Bad Gateway"))
    with pytest.raises(RetryLater):
        transport(bot_api).publish(make_post())


def test_an_unknown_chat_is_a_permanent_failure_with_telegrams_words(bot_api):
    with pytest.raises(PermanentFailure, match="chat not found"):
        transport(bot_api, chat_id="@nobody").publish(make_post())


def test_a_moved_group_names_its_new_id(bot_api):
    bot_api.failures.append(
        error(400, "Bad Request: group chat was upgraded", migrate_to_chat_id=-1009)
    )
    with pytest.raises(PermanentFailure, match="-1009"):
        transport(bot_api).publish(make_post())


def test_missing_settings_are_named(bot_api):
    with pytest.raises(PermanentFailure, match="chat id"):
        transport(bot_api, chat_id="").publish(make_post())
    with pytest.raises(PermanentFailure, match="token"):
        transport(bot_api, token="").publish(make_post())
    assert bot_api.received == []


def test_the_log_reads_failures_in_the_sites_language(bot_api):
    bot_api.too_old.add(1)
    channel = transport(bot_api)
    posted = channel.publish(make_post())
    with translation.override("ru"), pytest.raises(PermanentFailure) as failure:
        channel.withdraw(make_post(), posted)
    assert str(failure.value) == (
        "Telegram позволяет боту удалять только посты моложе 48\u00a0часов; "
        "удалите этот пост в канале вручную."
    )
