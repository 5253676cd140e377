"""A page made private while the edge keeps it is no longer served to anonymous readers."""

import feedparser
import pytest

from bigasia.articles.models import ArticlePage
from tests.articles.private import KINDS, make_private

pytestmark = pytest.mark.django_db


def _cached(edge, url: str):
    """The page as served from the cache. A purge made just before (an earlier test's) may
    still be arriving through the Redis channel, and a render it lands in is not kept: so
    ask a few times."""
    for _attempt in range(3):
        edge(url)
        answer = edge(url)
        if answer.headers["X-Cache"] == "HIT":
            return answer
    raise AssertionError(f"{url} never came from the cache")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("restricted", ["article", "section"])
def test_it_stops_serving_a_page_made_private(edge, seed_article, kind, restricted):
    lead = seed_article.lead[:60]
    assert lead in _cached(edge, seed_article.url).text
    make_private(seed_article if restricted == "article" else seed_article.get_parent(), kind)

    answer = edge(seed_article.url)
    assert lead not in answer.text
    assert answer.status in (200, 302)  # the password form, or the way to the login
    assert lead not in edge(seed_article.url).text, "nor from a copy kept after the change"


def test_it_serves_the_page_again_once_the_restriction_is_lifted(edge, seed_article):
    lead = seed_article.lead[:60]
    restriction = make_private(seed_article)
    assert lead not in edge(seed_article.url).text
    restriction.delete()
    assert lead in edge(seed_article.url).text


def test_it_drops_a_page_made_private_from_a_cached_feed(edge, seed_article):
    newest = ArticlePage.objects.live().filter(locale=seed_article.locale)
    story = newest.order_by("-first_published_at").first()
    assert story.url in _feed_paths(_cached(edge, "/ru/rss.xml"))
    make_private(story)
    paths = _feed_paths(edge("/ru/rss.xml"))
    assert paths and story.url not in paths


def _feed_paths(answer) -> list[str]:
    return ["/" + entry.link.split("/", 3)[3] for entry in feedparser.parse(answer.body).entries]


def test_it_drops_a_story_made_private_from_other_pages_related_stories(edge, seed_article):
    grain = ArticlePage.objects.get(
        locale=seed_article.locale, title="Казахстан увеличил поставки зерна в Китай"
    )
    assert f'href="{grain.url}"' in _cached(edge, seed_article.url).text
    make_private(grain)
    assert f'href="{grain.url}"' not in edge(seed_article.url).text
