"""Related stories, most read and the newsletter digest leave private pages out."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from bigasia.articles.models import ArticlePage, RelatedArticle
from bigasia.newsletters.digest import digest_stories
from bigasia.readership.models import HourlyViews
from bigasia.readership.mostread import most_read
from tests.articles.private import make_private
from tests.newsletters import factories

pytestmark = pytest.mark.django_db

GRAIN = "Казахстан увеличил поставки зерна в Китай"


def _related_titles(client, page) -> list[str]:
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [card.select_one(".card__title").text.strip() for card in soup.select(".related .card")]


def _russian_story(title: str) -> ArticlePage:
    return ArticlePage.objects.get(locale__language_code="ru", title=title)


def test_related_stories_leave_a_story_made_private_out(client, seed_article):
    assert GRAIN in _related_titles(client, seed_article)
    make_private(_russian_story(GRAIN))
    titles = _related_titles(client, seed_article)
    assert titles and GRAIN not in titles


def test_related_stories_leave_a_private_editors_pick_out(client, seed_article):
    pick = ArticlePage.objects.live().filter(locale=seed_article.locale)
    pick = pick.exclude(pk=seed_article.pk).exclude(title=GRAIN).order_by("pk").first()
    RelatedArticle.objects.create(source_page=seed_article, page=pick, sort_order=0)
    assert pick.title in _related_titles(client, seed_article)
    make_private(pick.get_parent())
    assert pick.title not in _related_titles(client, seed_article)


def _read_a_lot(page, views: int = 5000) -> None:
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(page=page, locale=page.locale, hour=hour, views=views)


def test_most_read_leaves_a_story_made_private_out(seed_article):
    _read_a_lot(seed_article)
    assert most_read(seed_article.locale_id, "day")[0].title == seed_article.title
    make_private(seed_article)
    titles = [entry.title for entry in most_read(seed_article.locale_id, "day")]
    assert seed_article.title not in titles


def test_the_digest_leaves_private_stories_out(seed_article):
    _read_a_lot(seed_article)
    letter = factories.newsletter()
    assert seed_article in digest_stories(letter)
    newest = ArticlePage.objects.live().filter(locale=seed_article.locale)
    newest = newest.order_by("-first_published_at").first()
    make_private(seed_article)
    make_private(newest.get_parent())
    picked = digest_stories(letter)
    assert len(picked) == 8
    assert seed_article not in picked and newest not in picked
