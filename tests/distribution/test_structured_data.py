"""Article pages carry JSON-LD NewsArticle, OpenGraph and Twitter card tags, within budget."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image

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
    assert data["publisher"]["logo"]["url"] == "http://testserver/ru/logo-square.png"
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


def _png(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    return image


def test_it_gives_a_png_publisher_logo_of_the_size_it_states(client, seed_article):
    logo = _json_ld(_page(client, seed_article.url))["publisher"]["logo"]
    image = _png(client, logo["url"].removeprefix("http://testserver"))
    assert image.size == (logo["width"], logo["height"])
    assert min(image.size) >= 112
    assert _png(client, "/ru/logo-wide.png").size == (600, 60)


def test_it_draws_the_logo_with_the_name_in_each_language(client):
    russian, english = (_png(client, f"/{lang}/logo-wide.png") for lang in ("ru", "en"))
    assert russian.tobytes() != english.tobytes()
    # The name is drawn in white on the brand colour: there is text, not an empty field.
    assert len(set(russian.get_flattened_data())) > 2 and (255, 255, 255) in set(
        russian.get_flattened_data()
    )
