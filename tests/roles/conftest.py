"""Fixtures of the role tests: something of each admin feature for Authors and Editors to try."""

import pytest
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage, SectionPage, Source
from bigasia.feeds.models import FeedSource
from bigasia.translation.desk import translate_page
from bigasia.translation.models import TranslationStatus
from bigasia.tv.models import EpisodePage
from tests.newsletters import factories


@pytest.fixture
def source():
    return Source.objects.filter(locale__language_code="ru").first()


@pytest.fixture
def issue():
    return factories.issue(factories.newsletter("ru", "roles-ru"), subject="Главное за день")


@pytest.fixture
def episode():
    return EpisodePage.objects.get(locale__language_code="ru", number=829)


@pytest.fixture
def economics():
    return SectionPage.objects.get(locale__language_code="ru", slug="economics")


@pytest.fixture
def translation_status(author, economics) -> TranslationStatus:
    """An Author's own story, translated by hand by the Author: the Author owns both pages."""
    story = ArticlePage(
        title="Караван верблюдов дошёл до Бухары",
        lead="Путь занял месяц.",
        body=[("paragraph", "<p>Текст материала.</p>")],
        owner=author,
    )
    economics.add_child(instance=story)
    story.save_revision(user=author).publish()
    english = Locale.objects.get(language_code="en")
    target = translate_page(story, english, author).page
    return TranslationStatus.objects.get(target_page=target)


@pytest.fixture
def feed_source_form() -> dict:
    return {
        "name": "Степные вести",
        "url": "https://steppe.example.org/rss.xml",
        "website": "https://steppe.example.org/",
        "kind": FeedSource.Kind.PARTNER,
        "feed_format": FeedSource.Format.RSS,
        "language": "ru",
        "poll_interval": "900",
        "enabled": "on",
        "utm_parameters": "",
        "next_poll_at": "",
    }
