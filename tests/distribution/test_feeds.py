"""Every feed parses cleanly (feedparser, no bozo) and holds what its consumer requires, in
every flavour, language and scope."""

import feedparser
import pytest
from django.test import override_settings
from django.utils.http import http_date

from bigasia.articles.models import ArticlePage, HomePage, Tag
from bigasia.articles.snippets import Country

from .feed_specs import PROBLEMS

pytestmark = pytest.mark.django_db

FLAVOURS = ["rss", "atom", "yandex", "dzen"]


def _parse(client, url: str, flavour: str | None = None):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    flavour = flavour or url.rsplit("/", 1)[-1].removesuffix(".xml")
    assert PROBLEMS[flavour](response.content) == [], url
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


def test_it_answers_404_for_a_tag_only_the_other_language_uses(client):
    russian_only = Tag.objects.filter(tagged_articles__content_object__locale__language_code="ru")
    tag = russian_only.exclude(tagged_articles__content_object__locale__language_code="en").first()
    assert client.get(f"/ru/feeds/tag/{tag.slug}/rss.xml").status_code == 200
    assert client.get(f"/en/tag/{tag.slug}/").status_code == 404
    assert client.get(f"/en/feeds/tag/{tag.slug}/rss.xml").status_code == 404


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_it_answers_if_modified_since_with_304(client, flavour):
    url = f"/en/feeds/country/kazakhstan/{flavour}.xml"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_gives_atom_feeds_an_author_for_every_entry(client, language):
    for prefix in [f"/{language}/", *_scoped_urls(language)]:
        _response, parsed = _parse(client, f"{prefix}atom.xml")
        assert parsed.feed.author == {"ru": "Большая Азия", "en": "Big Asia"}[language]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_it_credits_the_named_authors_in_every_flavour(client, flavour):
    two_authors = ArticlePage.objects.live().filter(locale__language_code="en")
    story = next(page for page in two_authors if len(page.byline_authors()) == 2)
    names = [author.name for author in story.byline_authors()]
    response, parsed = _parse(client, f"/en/{flavour}.xml")
    entry = next(e for e in parsed.entries if e.title == story.title)
    credited = [author.name for author in entry.get("authors", [])]
    if flavour == "rss":  # feedparser keeps the last dc:creator only; the XML has both
        credited = [name for name in names if f"<dc:creator>{name}</dc:creator>" in response.text]
    assert credited == names


def test_it_serves_dzen_the_whole_body_with_rating_and_categories(client, seed_article):
    response, parsed = _parse(client, "/ru/dzen.xml")
    seed = next(e for e in parsed.entries if e.title == seed_article.title)
    assert "безусловный приоритет" in seed.content[0].value
    assert seed.content[0].value.count("<p>") > 1  # HTML, not plain text
    assert {tag.term for tag in seed.tags} >= {"format-article", "index", "comment-all"}
    assert seed.media_rating == {"scheme": "urn:simple", "content": "nonadult"}


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
