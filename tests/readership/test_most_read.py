"""Most read in 24 hours and 7 days, per language, from the buckets; shown on home and articles."""

import time

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage
from bigasia.readership.buffer import view_buffer
from bigasia.readership.mostread import most_read
from tests.readership.conftest import move_to_database

pytestmark = pytest.mark.django_db

HOUR = 3600


def _read(page, views: int, hours_ago: int = 0) -> None:
    hour = int(time.time() // HOUR * HOUR) - hours_ago * HOUR
    view_buffer.add((page.pk, page.locale_id, hour), views)
    view_buffer.flush()
    move_to_database()


def _stories(language: str) -> list[ArticlePage]:
    return list(ArticlePage.objects.live().filter(locale__language_code=language).order_by("pk"))


def test_it_ranks_the_last_24_hours_and_the_last_7_days_apart():
    first, second, third = _stories("ru")[:3]
    _read(first, 5)
    _read(second, 3, hours_ago=2)
    _read(third, 50, hours_ago=24 * 3)  # three days ago: in the week, not the day
    day = most_read(first.locale_id, "day")
    week = most_read(first.locale_id, "week")
    assert [entry.title for entry in day][:2] == [first.title, second.title]
    assert third.title not in [entry.title for entry in day]
    assert week[0].title == third.title and week[0].views == 50


def test_it_keeps_languages_apart_and_shows_the_block_on_home(client):
    russian, english = _stories("ru")[0], _stories("en")[0]
    _read(russian, 7)
    _read(english, 9)
    soup = BeautifulSoup(client.get("/ru/").content, "html.parser")
    block = soup.select_one(".most-read")
    assert block.select_one(".most-read__title").text == "Самое читаемое"
    titles = [a.text for a in block.select("a")]
    assert russian.title in titles and english.title not in titles
    english_home = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert english_home.select_one(".most-read__title").text == "Most read"
    assert english.title in [a.text for a in english_home.select(".most-read a")]


def test_it_shows_the_block_on_article_pages(client, seed_article):
    _read(seed_article, 4)
    soup = BeautifulSoup(client.get(seed_article.url).content, "html.parser")
    assert seed_article.title in [a.text for a in soup.select(".most-read a")]
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    read_in_english = ArticlePage.objects.live().filter(locale=english.locale)
    read_in_english = read_in_english.exclude(pk=english.pk).first()
    _read(read_in_english, 3)
    soup = BeautifulSoup(client.get(english.url).content, "html.parser")
    # The English article's block ranks English reads only.
    assert soup.select_one(".most-read__title").text == "Most read"
    titles = [a.text for a in soup.select(".most-read a")]
    assert read_in_english.title in titles and seed_article.title not in titles
