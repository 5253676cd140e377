"""Cached fragments of reader pages never outlive a publish (the page cache is off here).

Each test renders the pages first, so their fragments are in the cache, then changes
something the way an editor does, and expects the very next full render to show it.
"""

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage, HomePage, SectionPage
from bigasia.articles.snippets import Source
from bigasia.readership.models import ArticleViews
from tests.rendering import soup as _soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def _warm(client, *urls: str) -> None:
    for url in urls:
        _soup(client, url)


def _economics() -> SectionPage:
    return SectionPage.objects.get(locale__language_code="ru", slug="economics")


def test_it_shows_a_published_edit_of_the_article_everywhere_it_appears(client, seed_article):
    home = HomePage.objects.get(locale__language_code="ru")
    section = _economics()
    _warm(client, seed_article.url, home.url, section.url)

    seed_article.title = "Заголовок после правки"
    seed_article.lead = "Новый лид после правки."
    seed_article.save_revision().publish()

    story = _soup(client, seed_article.url)
    assert story.select_one(".story__title").text == "Заголовок после правки"
    assert story.select_one(".story__lead").text == "Новый лид после правки."
    assert "Заголовок после правки" in story.select_one("title").text
    assert "Заголовок после правки" in _soup(client, home.url).text
    assert "Заголовок после правки" in _soup(client, section.url).text


def test_it_keeps_a_draft_out_of_the_readers_page(client, seed_article):
    _warm(client, seed_article.url)
    seed_article.title = "Черновик, который читатели не видят"
    seed_article.save_revision()  # saved, not published
    assert "Черновик" not in _soup(client, seed_article.url).text


def test_it_lists_a_newly_published_story_on_home_and_section_at_once(client, seed_article):
    home = HomePage.objects.get(locale__language_code="ru")
    section = _economics()
    _warm(client, home.url, section.url)

    story = ArticlePage(title="Свежая новость из Астаны", lead="Коротко о главном.", body=[])
    section.add_child(instance=story)
    story.save_revision().publish()

    assert "Свежая новость из Астаны" in _soup(client, home.url).text
    assert "Свежая новость из Астаны" in _soup(client, section.url).text
    assert _soup(client, story.url).select_one(".story__title").text == story.title


def test_it_drops_an_unpublished_story_from_its_page_and_the_lists(client, seed_article):
    section = _economics()
    _warm(client, seed_article.url, section.url)
    seed_article.unpublish()
    assert client.get(seed_article.url).status_code == 404
    assert seed_article.title not in _soup(client, section.url).text


def test_it_follows_a_translations_new_address_in_the_language_switcher(client, seed_article):
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    _warm(client, english.url)
    seed_article.slug = "novyy-adres-stati"
    seed_article.save_revision().publish()
    seed_article.refresh_from_db()
    switch = _soup(client, english.url).select_one('.languages a[hreflang="ru"]')
    assert switch["href"] == seed_article.url


def test_it_shows_a_renamed_source_on_the_story(client, seed_article):
    _warm(client, seed_article.url)
    source = Source.objects.get(pk=seed_article.source_id)
    source.name = "ТАСС-Азия"
    source.save()
    assert _soup(client, seed_article.url).select_one(".story__source").text == "ТАСС-Азия"


def test_it_shows_fresh_view_counts_inside_cached_fragments(client, seed_article):
    home = HomePage.objects.get(locale__language_code="ru")
    _warm(client, seed_article.url, home.url)
    ArticleViews.objects.update_or_create(page_id=seed_article.pk, defaults={"views": 21})
    cache.delete(f"readership:count:{seed_article.pk}")  # as when the counts cache expires

    assert _soup(client, seed_article.url).select_one(".story__views").text == "21 просмотр"
    cards = _soup(client, home.url).select(".card")
    seed_card = next(card for card in cards if seed_article.title in card.text)
    assert seed_card.select_one(".card__views").text == "21 просмотр"


def test_it_renders_from_fragments_with_fewer_queries_than_before(
    client, seed_article, django_assert_max_num_queries
):
    home = HomePage.objects.get(locale__language_code="ru")
    for url in (seed_article.url, _economics().url, home.url):
        _warm(client, url)
        # Site, locale, home page, stamp; the home page adds the TV schedule's queries.
        with django_assert_max_num_queries(8):
            _soup(client, url)


@pytest.mark.skipif(
    "fragments" not in settings.CACHES, reason="the default cache is this process's own memory"
)
def test_a_render_from_kept_fragments_asks_redis_for_none_of_them(
    client, seed_article, monkeypatch
):
    _warm(client, seed_article.url)
    asked: list[str] = []
    execute = redis.Redis.execute_command

    def recording(self, *args, **options):
        asked.extend(str(arg) for arg in args[1:])
        return execute(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", recording)
    assert _soup(client, seed_article.url).select_one(".story__title").text == seed_article.title
    assert any("readership:count:" in key for key in asked)  # view counts: still from Redis
    assert not [key for key in asked if ":fragment:" in key]
