import threading
from pathlib import Path

import pytest
from django.utils import translation
from PIL import Image

from bigasia.channels.providers.base import ChannelPost
from tests.scratch import create_scratch_site

from .fake_apis import FakeApi, FakeBotApi

ARTICLE_URL = "https://bigasia.example/ru/content/news/politics/sammit-shos/"


@pytest.fixture(autouse=True)
def _english():
    """Failure messages are matched in English; one test reads them in Russian."""
    with translation.override("en"):
        yield


@pytest.fixture
def fake_api():
    """A recording server whose answers the test sets through `fake_api.answer`."""
    api = FakeApi()
    yield api
    api.stop()


@pytest.fixture
def hanging_api():
    """A server that takes the request and never answers."""
    api = FakeApi(hang=threading.Event())
    yield api
    api.stop()


@pytest.fixture
def hero_jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "hero.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path, "JPEG")
    return path


def make_post(**changes) -> ChannelPost:
    values = {
        "key": "article-42",
        "language": "ru",
        "url": ARTICLE_URL,
        "headline": "Саммит ШОС в Астане",
        "lead": "Лидеры договорились о новой платёжной системе.",
        "text": f"Саммит ШОС в Астане\n\nЛидеры договорились о новой платёжной системе.\n\n"
        f"{ARTICLE_URL}",
    }
    return ChannelPost(**{**values, **changes})


# ---- The delivery engine's tests: a Telegram channel of the Russian site on the fake Bot API

BOT_TOKEN = "123456:engine-test"


@pytest.fixture
def bot_api():
    api = FakeBotApi(BOT_TOKEN)
    yield api
    api.stop()


@pytest.fixture
def channel_engine(settings, monkeypatch):
    """Back-off of a fraction of a second, a short deadline, the bot's token in the env."""
    settings.CHANNELS_RETRY_SECONDS = 0.05
    settings.CHANNELS_RETRY_MAX_SECONDS = 0.2
    settings.CHANNELS_HTTP_TIMEOUT = 2.0
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", BOT_TOKEN)
    return settings


@pytest.fixture
def telegram_channel(db, bot_api, channel_engine):
    from wagtail.models import Locale, Site

    from bigasia.channels.models import Channel

    return Channel.objects.create(
        kind="telegram",
        name="Telegram ru",
        site=Site.objects.get(is_default_site=True),
        locale=Locale.objects.get(language_code="ru"),
        options={"api_url": bot_api.base_url, "chat_id": "@bigasia_news"},
        secret_env="TEST_TELEGRAM_TOKEN",
        max_attempts=3,
    )


@pytest.fixture
def site(tmp_path):
    """A scratch site of the test's own (tests/scratch.py): the worker tests kill workers and
    leave deliveries behind, which must not reach the session's shared site."""
    site, cleanup = create_scratch_site(tmp_path)
    yield site
    site.stop_all()
    cleanup()
