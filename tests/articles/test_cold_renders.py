"""After another story's publish a page reuses what the publish did not change (stamps.py),
and still shows what it did change (the page cache is off here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bigasia.articles import models
from bigasia.articles.models import ArticlePage, HomePage, SectionPage
from tests.rendering import soup as _soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def _publish_story(section: SectionPage, title: str, like: ArticlePage | None = None):
    """A new story, about the same countries and with the same tags as `like`."""
    story = ArticlePage(title=title, lead="Коротко о главном.", body=[])
    section.add_child(instance=story)
    if like is not None:
        for link in like.article_countries.all():
            story.article_countries.create(country=link.country)
        story.tags.add(*like.tags.all())
    story.save_revision().publish()
    return story


def _society() -> SectionPage:
    return SectionPage.objects.get(locale__language_code="ru", slug="society")


def test_an_article_keeps_its_own_parts_when_another_story_is_published(client, seed_article):
    _soup(client, seed_article.url)
    before = _soup(client, seed_article.url).select_one(".story").decode()
    _publish_story(_society(), "Другая новость, опубликованная сейчас")

    queries = _queries(client, seed_article.url)
    # Neither the byline, the tags nor the related stories' ranking is read again.
    assert not [sql for sql in queries if "articles_articleauthor" in sql], queries
    assert not [sql for sql in queries if "articles_articletag" in sql], queries
    assert _soup(client, seed_article.url).select_one(".story").decode() == before


def test_the_home_page_reads_again_only_the_section_that_changed(client, seed_article):
    home = HomePage.objects.get(locale__language_code="ru")
    _soup(client, home.url)
    _publish_story(_society(), "Свежая новость общества")

    queries = _queries(client, home.url)
    listed = [sql for sql in queries if 'FROM "articles_articlepage"' in sql]
    # The changed section's newest stories; the top story (of economics) and the other
    # sections' lists are kept.
    assert len(listed) == 1, listed
    assert "Свежая новость общества" in _soup(client, home.url).text


def test_a_republished_top_story_shows_its_new_title_on_the_home_page(client, seed_article):
    home = HomePage.objects.get(locale__language_code="ru")
    assert home.featured_article_id == seed_article.pk
    _soup(client, home.url)
    seed_article.title = "Новый заголовок главной новости"
    seed_article.save_revision().publish()
    top = _soup(client, home.url).select_one(".home-section--top")
    assert "Новый заголовок главной новости" in top.text


def test_a_republished_related_story_shows_its_new_title(client, seed_article):
    related = [story for story in seed_article.related_stories()]
    assert related, "the demo's seed article has related stories"
    _soup(client, seed_article.url)
    story = related[0]
    story.title = "Новый заголовок связанной новости"
    story.save_revision().publish()
    titles = [card.text for card in _soup(client, seed_article.url).select(".related .card")]
    assert any("Новый заголовок связанной новости" in title for title in titles), titles


def test_a_new_story_joins_related_stories_within_their_period(client, seed_article, monkeypatch):
    now = [12_000.0]
    monkeypatch.setattr(models, "wall_clock", lambda: now[0])
    _soup(client, seed_article.url)
    title = "Новость о тех же странах, опубликованная сейчас"
    _publish_story(seed_article.get_parent().specific, title, like=seed_article)
    assert title in [story.title for story in seed_article.related_stories()]

    assert title not in _soup(client, seed_article.url).select_one(".related").text
    now[0] += models.RELATED_SECONDS
    assert title in _soup(client, seed_article.url).select_one(".related").text


def test_an_unpublished_related_story_leaves_at_once(client, seed_article):
    related = seed_article.related_stories()
    _soup(client, seed_article.url)
    related[0].unpublish()
    assert related[0].title not in _soup(client, seed_article.url).select_one(".related").text
