"""Feeds and sitemaps (articles, Google News, video) leave private pages out."""

from xml.etree import ElementTree

import feedparser
import pytest

from bigasia.tv.models import EpisodePage
from tests.articles.private import make_private

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _sitemap_paths(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    root = ElementTree.fromstring(body)
    return {"/" + loc.text.split("/", 3)[3] for loc in root.iter(f"{SITEMAP}loc")}


def _article_sitemap_paths(client) -> set[str]:
    files = [path for path in _sitemap_paths(client, "/sitemap.xml") if "articles" in path]
    return set().union(*(_sitemap_paths(client, path) for path in files))


def test_feeds_leave_a_private_story_out(client, publish_article):
    story = publish_article("Закрытая встреча министров")
    make_private(story)
    for url in ("/ru/rss.xml", "/ru/atom.xml", "/ru/yandex.xml", "/ru/dzen.xml",
                "/ru/feeds/section/politics/rss.xml"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        titles = [entry.title for entry in feedparser.parse(response.content).entries]
        assert titles and story.title not in titles, url


def test_sitemaps_leave_a_private_story_out(client, publish_article):
    story = publish_article("Закрытое заседание в Астане")
    assert story.url in _article_sitemap_paths(client)
    assert story.url in _sitemap_paths(client, "/news-sitemap.xml")
    make_private(story)
    assert story.url not in _article_sitemap_paths(client)
    assert story.url not in _sitemap_paths(client, "/news-sitemap.xml")


def test_sitemaps_leave_the_stories_of_a_private_section_out(client, publish_article):
    story = publish_article("Закрытый раздел: доклад", section="security")
    make_private(story.get_parent())
    assert story.url not in _article_sitemap_paths(client)
    assert story.url not in _sitemap_paths(client, "/news-sitemap.xml")


def test_the_video_sitemap_leaves_a_private_episode_out(client):
    episode = EpisodePage.objects.live().get(locale__language_code="ru", slug="vypusk-829")
    assert episode.url in _sitemap_paths(client, "/sitemap-video.xml")
    make_private(episode)
    assert episode.url not in _sitemap_paths(client, "/sitemap-video.xml")
