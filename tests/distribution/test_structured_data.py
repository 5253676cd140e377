"""Article pages carry JSON-LD NewsArticle, OpenGraph and Twitter card tags, within budget."""

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_it_describes_the_seed_article_as_a_news_article(client, seed_article):
    data = _json_ld(_page(client, seed_article.url))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == seed_article.title
    assert data["datePublished"].startswith("2023-02-03")
    assert data["dateModified"]
    assert data["author"] == [{"@type": "Organization", "name": "ТАСС"}]
    assert data["publisher"]["name"] == "Большая Азия"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert data["image"][0]["url"].startswith("http://testserver/")
    assert data["inLanguage"] == "ru" and data["isAccessibleForFree"] is True
    assert data["mainEntityOfPage"] == "http://testserver" + seed_article.url


def test_it_speaks_english_on_the_english_article(client, seed_article):
    english = seed_article.get_translations().get().specific
    data = _json_ld(_page(client, english.url))
    assert data["inLanguage"] == "en"
    assert data["author"] == [{"@type": "Organization", "name": "TASS"}]
    assert data["publisher"]["name"] == "Big Asia"


def test_it_has_opengraph_and_twitter_card_tags(client, seed_article):
    soup = _page(client, seed_article.url)

    def meta(key: str) -> str:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        return tag["content"]

    assert meta("og:type") == "article" and meta("og:title") == seed_article.title
    assert meta("og:description") == seed_article.lead
    assert meta("og:url") == "http://testserver" + seed_article.url
    assert meta("og:image").startswith("http://testserver/")
    assert meta("twitter:card") == "summary_large_image"
    assert meta("twitter:title") == seed_article.title
    assert soup.find("link", rel="canonical")["href"] == "http://testserver" + seed_article.url
    assert {link["hreflang"] for link in soup.find_all("link", hreflang=True)} == {"ru", "en"}


def test_it_cannot_be_broken_out_of_by_a_headline(client, publish_article):
    page = publish_article("Заголовок </script><script>alert(1)</script> & «кавычки»")
    soup = _page(client, page.url)
    assert _json_ld(soup)["headline"] == page.title
    assert "<script>alert(1)" not in str(soup.head)
