"""Fixtures of the channels tests: the fake Bot API server, a Telegram channel of the Russian
site pointed at it, and engine settings whose back-off is a fraction of a second."""

import pytest
from wagtail.models import Locale, Site

from bigasia.channels.models import Channel
from bigasia.channels.providers import base
from tests.channels.telegram_fake import TOKEN, BotApiState, bot_api_server

STAND_IN = "tests.channels.botapi_transport.BotApiTransport"


@pytest.fixture
def bot_api():
    state = BotApiState()
    server = bot_api_server(state).start()
    state.base_url = server.base_url
    yield state
    server.stop()


@pytest.fixture
def channel_engine(settings, monkeypatch):
    settings.CHANNELS_RETRY_SECONDS = 0.05
    settings.CHANNELS_RETRY_MAX_SECONDS = 0.2
    settings.CHANNELS_HTTP_TIMEOUT = 2.0
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setitem(base.PROVIDERS, "telegram", STAND_IN)
    return settings


@pytest.fixture
def telegram_channel(db, bot_api, channel_engine):
    return Channel.objects.create(
        kind="telegram",
        name="Telegram ru",
        site=Site.objects.get(is_default_site=True),
        locale=Locale.objects.get(language_code="ru"),
        options={"api_base_url": bot_api.base_url, "chat_id": "@bigasia_test"},
        secret_env="TEST_TELEGRAM_TOKEN",
        max_attempts=3,
    )
