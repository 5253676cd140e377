"""What search engines and feed readers read off every page: a description, the Discover
preview permission, feed autodiscovery, and headings in order."""

import feedparser
import pytest

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.tv.models import EpisodePage
from tests.rendering import soup as _soup

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "en"]


def _page_urls(language: str) -> dict[str, str]:
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    episode = EpisodePage.objects.get(locale__language_code=language, number=829)
    return {
        "home": f"/{language}/",
        "section": article.get_parent().url,
        "article": article.url,
        "country": f"/{language}/country/kazakhstan/",
        "tag": f"/{language}/tag/{article.tags.first().slug}/",
        "search": f"/{language}/search/?q=kazakhstan",
        "newsletters": f"/{language}/newsletters/",
        "tv": f"/{language}/tv/",
        "programme": episode.get_parent().url,
        "episode": episode.url,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_gives_every_page_a_description_and_large_image_previews(client, language):
    for kind, url in _page_urls(language).items():
        soup = _soup(client, url)
        description = soup.select_one("meta[name=description]")
        assert description and len(description["content"].strip()) > 20, (kind, url)
        assert "max-image-preview:large" in soup.select_one("meta[name=robots]")["content"]


def test_it_describes_an_article_by_its_lead(client, seed_article):
    soup = _soup(client, seed_article.url)
    assert soup.select_one("meta[name=description]")["content"] == seed_article.lead[:300]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_advertises_the_edition_feed_on_every_page_and_in_the_footer(client, language):
    for kind, url in _page_urls(language).items():
        soup = _soup(client, url)
        feeds = [link["href"] for link in soup.select("link[rel=alternate][type$='rss+xml']")]
        assert f"/{language}/rss.xml" in feeds, (kind, url)
        assert soup.select_one(f"footer a[href='/{language}/rss.xml']"), (kind, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_advertises_the_own_feed_of_section_country_and_tag_pages(client, language):
    urls = _page_urls(language)
    for kind in ("section", "country", "tag"):
        soup = _soup(client, urls[kind])
        feeds = [link["href"] for link in soup.select("link[rel=alternate][type$='rss+xml']")]
        own = [href for href in feeds if f"/feeds/{kind}/" in href]
        assert len(own) == 1, (kind, feeds)
        parsed = feedparser.parse(client.get(own[0]).content)
        assert not parsed.bozo and parsed.entries, own[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_never_skips_a_heading_level_on_section_pages(client, language):
    sections = SectionPage.objects.live().filter(locale__language_code=language, depth__gt=3)
    for section in sections:
        soup = _soup(client, section.url)
        levels = [int(heading.name[1]) for heading in soup.select("h1, h2, h3, h4, h5, h6")]
        assert levels[0] == 1, section.url
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, (section.url, levels)
