import threading
from pathlib import Path

import pytest
from django.utils import translation
from PIL import Image

from bigasia.channels.providers.base import ChannelPost

from .fake_apis import FakeApi

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
