"""The delivery engine against the fake Bot API server: what a publish, a republish and an
unpublish send, and the states a delivery goes through on the way."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Revision

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.channels import delivery as engine_delivery
from bigasia.channels.models import ArticleChannel, Delivery
from bigasia.channels.posts import build_post
from bigasia.channels.tasks import sweep
from bigasia.core.tasks import publish_scheduled_pages
from tests.channels.fake_apis import FakeBotApi, error

S = Delivery.State
pytestmark = pytest.mark.django_db


def methods(api: FakeBotApi) -> list[str]:
    return [received.path.rsplit("/", 1)[1] for received in api.received]


def posts(api: FakeBotApi) -> list[dict[str, str]]:
    """The parameters of every post the Bot API was asked to make (text or photo)."""
    return [r.fields() for r in api.received if r.path.endswith(("/sendMessage", "/sendPhoto"))]


def drain(timeout: float = 10.0) -> None:
    """Run the sweep until no delivery is waiting (retries are due within a fraction of a
    second with the test settings)."""
    deadline = time.monotonic() + timeout
    active = [S.PENDING, S.RETRY, S.IN_FLIGHT]
    while Delivery.objects.filter(state__in=active).exists():
        assert time.monotonic() < deadline, list(Delivery.objects.values("state", "last_error"))
        sweep()
        time.sleep(0.05)


@pytest.fixture
def politics_default(telegram_channel):
    telegram_channel.sections.add(
        SectionPage.objects.get(locale__language_code="ru", slug="politics")
    )
    return telegram_channel


@pytest.fixture
def publish(publish_article, django_capture_on_commit_callbacks):
    def run(title: str, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_article(title, **kwargs)

    return run


def republish(page, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_publish_posts_once_with_headline_lead_and_link(politics_default, bot_api, publish):
    page = publish("Саммит ШОС в Астане", lead="Лидеры договорились о транзите.")

    [post] = posts(bot_api)
    assert post["chat_id"] == "@bigasia_news"
    assert post["text"].startswith("Саммит ШОС в Астане\n\nЛидеры договорились о транзите.")
    assert page.full_url in post["text"]
    [row] = Delivery.objects.filter(page_id=page.pk)
    assert (row.state, row.action, row.attempts) == (S.DONE, "publish", 1)
    message_id = row.remote_id.rsplit(":", 2)[1]
    assert row.link == f"https://t.me/bigasia_news/{message_id}"


def test_articles_of_other_sections_and_unchosen_channels_post_nothing(
    politics_default, bot_api, publish
):
    publish("Новости экономики", section="economics")
    assert posts(bot_api) == []
    assert not Delivery.objects.exists()


def test_the_editors_choice_beats_the_section_default(
    politics_default, bot_api, publish_article, django_capture_on_commit_callbacks
):
    page = publish_article("Черновик выбора")  # posted: politics sends by default
    ArticleChannel.objects.filter(page_id=page.pk).update(send=False)
    republish(page, django_capture_on_commit_callbacks, title="Без канала")
    assert methods(bot_api) == []  # the first publish's task never ran
    assert Delivery.objects.filter(page_id=page.pk).count() == 1


def test_the_editors_text_is_posted(politics_default, bot_api, publish_article,
                                    django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False):
        page = publish_article("Текст редактора")
    ArticleChannel.objects.filter(page_id=page.pk).update(text="Коротко: главное о саммите")
    republish(page, django_capture_on_commit_callbacks)
    # The first version never ran; the second, with the editor's text, replaced it.
    assert [p["text"] for p in posts(bot_api)] == ["Коротко: главное о саммите"]
    states = Delivery.objects.filter(page_id=page.pk).order_by("pk").values_list("state", flat=True)
    assert list(states) == [S.PENDING, S.DONE]
    drain()
    assert Delivery.objects.filter(page_id=page.pk).order_by("pk").first().state == S.SUPERSEDED


def test_a_republish_edits_the_post(politics_default, bot_api, publish,
                                    django_capture_on_commit_callbacks):  # fmt: skip
    page = publish("Первая версия")
    republish(page, django_capture_on_commit_callbacks, title="Исправленная версия")

    assert methods(bot_api) == ["sendMessage", "editMessageText"]
    message_id = bot_api.received[1].json()["message_id"]
    posted = Delivery.objects.filter(page_id=page.pk).earliest("pk").remote_id
    assert posted.endswith(f":{message_id}:text")
    assert bot_api.messages[message_id]["text"].startswith("Исправленная версия")
    assert list(
        Delivery.objects.filter(page_id=page.pk).order_by("pk").values_list("action", "state")
    ) == [("publish", S.DONE), ("update", S.DONE)]


def test_an_unpublish_deletes_the_post_only_when_the_editor_asked(
    politics_default, bot_api, publish, django_capture_on_commit_callbacks
):
    kept, deleted = publish("Остаётся в канале"), publish("Удаляется из канала")
    ArticleChannel.objects.filter(page_id=deleted.pk).update(withdraw_on_unpublish=True)
    for page in (kept, deleted):
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()

    [delete] = [r.json() for r in bot_api.received if r.path.endswith("/deleteMessage")]
    choice = ArticleChannel.objects.get(page_id=deleted.pk)
    assert choice.remote_id == ""  # the next publish makes a new post
    assert delete["message_id"] not in bot_api.messages
    assert len(bot_api.messages) == 1  # the kept article's post
    assert Delivery.objects.get(page_id=deleted.pk, action="withdraw").state == S.WITHDRAWN
    assert not Delivery.objects.filter(page_id=kept.pk, action="withdraw").exists()


def test_a_rate_limit_waits_for_retry_after_then_posts(politics_default, bot_api, publish):
    bot_api.failures.append(error(429, "Too Many Requests: retry after 1", retry_after=1))
    before = timezone.now()
    page = publish("Под ограничением")

    row = Delivery.objects.get(page_id=page.pk)
    assert row.state == S.RETRY and "Too Many Requests" in row.last_error
    assert row.next_try_at >= before + timedelta(seconds=1)
    sweep()  # not due yet: nothing is sent before retry_after
    assert len(posts(bot_api)) == 1
    drain()
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (S.DONE, 2, "")
    assert len(posts(bot_api)) == 2  # the refused call and the one that went through


def test_5xx_answers_back_off_and_fail_after_the_channels_attempts(
    politics_default, bot_api, publish
):
    for _ in range(5):
        bot_api.failures.append((502, b"<html>Bad Gateway</html>", {"Content-Type": "text/html"}))
    page = publish("Сервер лежит")
    drain()
    row = Delivery.objects.get(page_id=page.pk)
    assert (row.state, row.attempts) == (S.FAILED, 3)  # the channel's max_attempts
    assert "502" in row.last_error
    assert len(posts(bot_api)) == 3


def test_a_revoked_token_fails_at_once(politics_default, bot_api, publish):
    bot_api.token = "999:revoked"
    page = publish("Токен отозван")
    row = Delivery.objects.get(page_id=page.pk)
    assert (row.state, row.attempts) == (S.FAILED, 1)
    assert "refused the bot token" in row.last_error


def test_a_missing_secret_fails_with_its_name(politics_default, bot_api, publish, monkeypatch):
    monkeypatch.delenv("TEST_TELEGRAM_TOKEN")
    page = publish("Без токена")
    row = Delivery.objects.get(page_id=page.pk)
    assert row.state == S.FAILED and "TEST_TELEGRAM_TOKEN" in row.last_error
    assert bot_api.received == []


def test_an_api_that_hangs_meets_the_deadline_and_is_retried(
    politics_default, hanging_api, publish, channel_engine
):
    channel_engine.CHANNELS_HTTP_TIMEOUT = 0.3
    politics_default.options = {**politics_default.options, "api_url": hanging_api.base_url}
    politics_default.save()
    page = publish("API висит")
    row = Delivery.objects.get(page_id=page.pk)
    assert row.state == S.RETRY and row.last_error and row.attempts == 1


def test_the_publish_itself_never_calls_a_channel(
    politics_default, bot_api, publish_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = publish_article("Публикация не ждёт")
    assert page.live and bot_api.received == []
    assert Delivery.objects.get(page_id=page.pk).state == S.PENDING
    assert len(callbacks) >= 1  # the delivery's task, enqueued once the publish commits


def test_a_dead_workers_telegram_post_needs_a_check_not_a_second_post(
    politics_default, bot_api, publish_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        page = publish_article("Работник упал")
    expired = timezone.now() - timedelta(seconds=1)
    Delivery.objects.filter(page_id=page.pk).update(
        state=S.IN_FLIGHT, attempts=1, lease_until=expired
    )
    ArticleChannel.objects.filter(page_id=page.pk).update(lease_token="dead", lease_until=expired)

    sweep()
    row = Delivery.objects.get(page_id=page.pk)
    assert row.state == S.UNKNOWN and "may or may not" in row.last_error
    assert bot_api.received == []


def test_a_dead_workers_update_is_simply_repeated(
    politics_default, bot_api, publish, django_capture_on_commit_callbacks
):
    page = publish("Правка после падения")
    with django_capture_on_commit_callbacks(execute=False):
        page.save_revision().publish()
    update = Delivery.objects.filter(page_id=page.pk).latest("pk")
    update.state, update.lease_until = S.IN_FLIGHT, timezone.now() - timedelta(seconds=1)
    update.save()

    sweep()
    update.refresh_from_db()
    assert (update.state, update.action) == (S.DONE, "update")
    assert methods(bot_api) == ["sendMessage", "editMessageText"]


def test_a_busy_pair_is_left_to_the_sweep(
    politics_default, bot_api, publish_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        page = publish_article("Пара занята")
    row = Delivery.objects.get(page_id=page.pk)
    ArticleChannel.objects.filter(page_id=page.pk).update(
        lease_token="other", lease_until=timezone.now() + timedelta(minutes=1)
    )
    assert engine_delivery.deliver(row.pk) is None
    assert bot_api.received == [] and Delivery.objects.get(pk=row.pk).state == S.PENDING


def test_a_scheduled_article_posts_at_go_live_not_when_scheduled(
    politics_default, bot_api, django_capture_on_commit_callbacks
):
    section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
    page = ArticlePage(title="Выйдет в девять", lead="Лид", body="[]", locale=section.locale)
    section.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()  # with a go-live time in the future this only schedules
    page.refresh_from_db()
    assert not page.live and not Delivery.objects.filter(page_id=page.pk).exists()
    assert bot_api.received == []

    # Its time comes: the approved go-live, and the go-live inside the revision, are past.
    past = timezone.now() - timedelta(seconds=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    with django_capture_on_commit_callbacks(execute=True):
        publish_scheduled_pages.call()  # the periodic job of core, as the worker runs it
    page.refresh_from_db()
    assert page.live
    [post] = posts(bot_api)
    assert post["text"].startswith("Выйдет в девять")
    assert Delivery.objects.get(page_id=page.pk).state == S.DONE


def test_the_post_names_the_articles_feeds_and_translations(seed_article):
    post = build_post(seed_article, "key-1", "")
    section = seed_article.get_parent().slug
    assert post.text.startswith(seed_article.title) and post.key == "key-1"
    assert {url.split("/", 3)[3] for url in post.feed_urls} == {
        "ru/rss.xml", "ru/atom.xml",
        f"ru/feeds/section/{section}/rss.xml", f"ru/feeds/section/{section}/atom.xml",
    }  # fmt: skip
    translations = [p.full_url for p in seed_article.get_translations().live()]
    assert list(post.alternate_urls) == translations and translations


def old_story(title: str) -> ArticlePage:
    """A story first published years ago, published now (as an archive import does)."""
    parent = SectionPage.objects.get(locale__language_code="ru", slug="politics")
    page = ArticlePage(
        title=title, lead=title, body="[]", locale=parent.locale,
        first_published_at=timezone.now() - timedelta(days=3 * 365),
    )  # fmt: skip
    parent.add_child(instance=page)
    return page


def test_a_story_first_published_long_ago_is_not_announced_by_the_sections_default(
    politics_default, bot_api, django_capture_on_commit_callbacks
):
    page = old_story("Архивная заметка 2023 года")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert posts(bot_api) == []
    assert not Delivery.objects.filter(page_id=page.pk).exists()


def test_an_editor_can_still_send_an_old_story(
    politics_default, bot_api, django_capture_on_commit_callbacks
):
    page = old_story("Архивная заметка, выбранная редактором")
    ArticleChannel.objects.create(page_id=page.pk, channel=politics_default, send=True)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    [post] = posts(bot_api)
    assert post["text"].startswith("Архивная заметка, выбранная редактором")
