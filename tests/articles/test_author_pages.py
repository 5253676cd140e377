"""Authors have pages in both languages (/ru/author/<slug>/): photo, biography, their stories,
a Person in JSON-LD with `url` and `sameAs`, and a feed; bylines link to them."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from bigasia.articles.models import ArticlePage
from bigasia.articles.snippets import Author
from tests.rendering import soup as _soup

pytestmark = pytest.mark.django_db


def _author(language: str) -> Author:
    return Author.objects.get(
        locale__language_code=language, name__in=["Тимур Ахметов", "Timur Akhmetov"]
    )


def _json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.select_one("script[type='application/ld+json']").string)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_gives_each_author_a_page_with_photo_bio_and_stories(client, language):
    author = _author(language)
    assert author.slug == "timur-akhmetov"  # one slug for both languages
    soup = _soup(client, f"/{language}/author/timur-akhmetov/")
    assert soup.select_one("h1").get_text() == author.name
    assert soup.select_one("img.author__photo")["alt"] == author.name
    bio = soup.select_one(".author__bio").get_text()
    assert ("Корреспондент" if language == "ru" else "correspondent") in bio
    expected = set(
        ArticlePage.objects.live()
        .filter(locale__language_code=language, article_authors__author=author)
        .values_list("title", flat=True)
    )
    assert expected and {a.get_text() for a in soup.select(".card__title a")} == expected
    hreflang = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert hreflang == {
        "ru": "http://testserver/ru/author/timur-akhmetov/",
        "en": "http://testserver/en/author/timur-akhmetov/",
    }


def test_it_links_bylines_to_the_authors_pages(client):
    story = ArticlePage.objects.live().filter(
        locale__language_code="ru", article_authors__author=_author("ru")
    )[0]
    links = _soup(client, story.url).select(".story__byline a[rel=author]")
    assert "/ru/author/timur-akhmetov/" in [link["href"] for link in links]


def test_it_describes_the_author_as_a_person_with_url_and_same_as(client):
    author = _author("en")
    author.same_as = "https://t.me/bigasia_akhmetov\nhttps://vk.com/akhmetov"
    author.save()
    person = _json_ld(_soup(client, "/en/author/timur-akhmetov/"))
    assert person["@type"] == "Person" and person["name"] == "Timur Akhmetov"
    assert person["url"] == "http://testserver/en/author/timur-akhmetov/"
    assert person["sameAs"] == ["https://t.me/bigasia_akhmetov", "https://vk.com/akhmetov"]
    assert person["image"].startswith("http://testserver/") and person["description"]
    story = ArticlePage.objects.live().filter(article_authors__author=author)[0]
    credited = _json_ld(_soup(client, story.url))["author"]
    assert {"@type": "Person", "name": "Timur Akhmetov", "url": person["url"],
            "sameAs": person["sameAs"]} in credited  # fmt: skip


def test_it_serves_an_author_feed_and_advertises_it_on_the_page(client):
    soup = _soup(client, "/ru/author/timur-akhmetov/")
    feed = soup.select_one("link[type='application/rss+xml'][href*='/feeds/author/']")["href"]
    assert feed == "/ru/feeds/author/timur-akhmetov/rss.xml"
    response = client.get(feed)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.entries
    credits = response.content.decode().count("<dc:creator>Тимур Ахметов</dc:creator>")
    assert credits == len(parsed.entries)


def test_it_answers_404_for_an_unknown_author(client):
    assert client.get("/ru/author/nobody-at-all/").status_code == 404
    assert client.get("/ru/feeds/author/nobody-at-all/rss.xml").status_code == 404


def test_it_refuses_a_profile_that_is_not_a_web_address_in_the_editors_language():
    author = _author("ru")
    author.same_as = "https://vk.com/akhmetov\njavascript:alert(1)"
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        author.full_clean()
    assert refused.value.message_dict["same_as"] == ["«javascript:alert(1)»\u00a0— не веб-адрес."]


def test_it_gives_a_namesake_a_slug_of_their_own():
    first = _author("ru")
    namesake = Author.objects.create(name=first.name, locale=first.locale)
    assert namesake.slug == "timur-akhmetov-2"
