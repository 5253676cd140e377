"""Every feed parses cleanly (feedparser, no bozo) in every flavour, language and scope."""

import feedparser
import pytest
from django.test import override_settings

from bigasia.articles.models import ArticlePage, HomePage
from bigasia.articles.snippets import Country

pytestmark = pytest.mark.django_db

FLAVOURS = ["rss", "atom", "yandex"]


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


def _scoped_urls(language: str) -> list[str]:
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    section = article.get_parent().slug
    country = Country.objects.get(locale__language_code=language, slug="kazakhstan").slug
    tag = article.tags.first().slug
    return [
        f"/{language}/feeds/section/{section}/",
        f"/{language}/feeds/country/{country}/",
        f"/{language}/feeds/tag/{tag}/",
    ]


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_serves_the_whole_edition_in_every_flavour(client, flavour, language):
    _response, parsed = _parse(client, f"/{language}/{flavour}.xml")
    assert parsed.feed.language == language  # Atom carries it as xml:lang
    assert 10 <= len(parsed.entries) <= 30
    for entry in parsed.entries:
        assert f"/{language}/content/news/" in entry.link
        assert entry.title
        assert entry.get("published") or entry.get("updated")


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_serves_feeds_per_section_country_and_tag(client, flavour, language):
    for prefix in _scoped_urls(language):
        _response, parsed = _parse(client, f"{prefix}{flavour}.xml")
        assert parsed.entries, prefix


def test_it_lists_only_the_countrys_stories(client):
    home = HomePage.objects.get(locale__language_code="ru")
    country = Country.objects.get(locale=home.locale, slug="mongolia")
    expected = set(
        ArticlePage.objects.live()
        .filter(locale=home.locale, article_countries__country=country)
        .values_list("title", flat=True)
    )
    _response, parsed = _parse(client, "/ru/feeds/country/mongolia/rss.xml")
    assert {entry.title for entry in parsed.entries} == expected


def test_it_answers_404_for_an_unknown_scope_or_slug(client):
    assert client.get("/ru/feeds/country/atlantis/rss.xml").status_code == 404
    assert client.get("/ru/feeds/planet/mars/rss.xml").status_code == 404


def test_it_carries_the_lead_only_unless_full_text_is_enabled(client, seed_article):
    _response, parsed = _parse(client, "/ru/rss.xml")
    seed = next(e for e in parsed.entries if e.title == seed_article.title)
    assert seed.summary == seed_article.lead
    with override_settings(FEEDS_FULL_TEXT=True):
        _response, parsed = _parse(client, "/ru/atom.xml")
    seed = next(e for e in parsed.entries if e.title == seed_article.title)
    assert seed_article.lead in seed.summary and "безусловный приоритет" in seed.summary


def test_it_gives_yandex_full_text_and_image_enclosures(client, seed_article):
    response, parsed = _parse(client, "/ru/yandex.xml")
    assert 'xmlns:yandex="http://news.yandex.ru"' in response.content.decode()
    seed = next(e for e in parsed.entries if e.title == seed_article.title)
    assert "безусловный приоритет" in seed["yandex_full-text"]
    enclosure = seed.enclosures[0]
    assert enclosure.type.startswith("image/") and int(enclosure.length) > 0
    assert enclosure.href.startswith("http://testserver/")
