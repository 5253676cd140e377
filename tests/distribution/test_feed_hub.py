"""WebSub: the RSS and Atom feeds advertise the configured hub beside their own address, and
the feeds a story's publication changes are the ones that list it."""

from urllib.parse import urlsplit

import feedparser
import pytest

from bigasia.articles.models import ArticlePage
from bigasia.distribution.feed_urls import changed_feed_urls

from .feed_specs import PROBLEMS

pytestmark = pytest.mark.django_db

HUB = "https://hub.example/websub"


def _links(client, path: str) -> dict[str, str]:
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert PROBLEMS[path.rsplit("/", 1)[-1].removesuffix(".xml")](response.content) == []
    return {link.rel: link.href for link in parsed.feed.links if link.rel in ("hub", "self")}


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_the_feeds_name_the_hub_and_themselves(client, settings, flavour):
    settings.WEBSUB_HUB_URL = HUB
    path = f"/ru/feeds/country/kazakhstan/{flavour}.xml"
    assert _links(client, path) == {"hub": HUB, "self": f"http://testserver{path}"}


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_without_a_hub_the_feeds_name_none(client, settings, flavour):
    settings.WEBSUB_HUB_URL = ""
    assert "hub" not in _links(client, f"/en/{flavour}.xml")


def _story_with_every_scope() -> ArticlePage:
    stories = ArticlePage.objects.live().filter(
        locale__language_code="ru", article_countries__isnull=False, tags__isnull=False
    )
    return stories.filter(article_authors__isnull=False).distinct().first()


def test_the_changed_feeds_are_those_that_list_the_story(client, settings):
    settings.FEEDS_OUT_ITEMS = 1000  # so that the story is in every feed's items
    story = _story_with_every_scope()
    urls = changed_feed_urls(story)
    paths = [urlsplit(url).path for url in urls]
    assert paths[:2] == ["/ru/rss.xml", "/ru/atom.xml"]
    scopes = {path.split("/")[3] for path in paths[2:]}
    assert scopes == {"section", "country", "tag", "author"}
    assert all(url.startswith(story.get_site().root_url + "/ru/") for url in urls)
    for path in paths:
        parsed = feedparser.parse(client.get(path).content)
        assert story.url in {urlsplit(entry.link).path for entry in parsed.entries}, path


def test_every_section_above_the_story_has_its_feed_changed():
    story = _story_with_every_scope()
    # /ru/content/news/politics/<slug>/: every folder between the language and the story.
    sections = story.url.strip("/").split("/")[1:-1]
    assert len(sections) == 3
    section_urls = [url for url in changed_feed_urls(story) if "/feeds/section/" in url]
    assert [urlsplit(url).path for url in section_urls] == [
        f"/ru/feeds/section/{slug}/{flavour}.xml"
        for slug in sections
        for flavour in ("rss", "atom")
    ]
