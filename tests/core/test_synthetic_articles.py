"""`bigasia demo --articles N` adds N live, listed, servable articles in bulk."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from bigasia.articles.models import ARTICLES_PER_PAGE, ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def test_it_adds_exactly_n_articles_that_are_served_and_listed(client):
    # Live pages: the demo's Wire inbox adds agency drafts of its own.
    before = ArticlePage.objects.live().count()
    call_command("demo", "--no-editor", "--publication-only", "--articles", "2503", verbosity=0)
    assert ArticlePage.objects.live().count() == before + 2503

    newest = ArticlePage.objects.live().order_by("-pk").first()
    response = client.get(newest.url)
    assert response.status_code == 200
    assert newest.title in response.content.decode()
    section = newest.get_parent().specific
    assert isinstance(section, SectionPage)
    # A deep page of the listing holds exactly that page's stories, newest first: not page
    # 1's, not a fallback to the last page (every page number answers 200).
    listed = ArticlePage.objects.child_of(section).live().order_by("-first_published_at", "-pk")
    number = len(listed) // ARTICLES_PER_PAGE  # the last full page
    assert number >= 10, "the bulk articles must give the section a deep listing"
    expected = [
        page.url for page in listed[(number - 1) * ARTICLES_PER_PAGE : number * ARTICLES_PER_PAGE]
    ]
    response = client.get(f"{section.url}?page={number}")
    assert response.status_code == 200
    cards = BeautifulSoup(response.content, "html.parser").select(".card__title a")
    assert [card["href"] for card in cards] == expected


def test_it_keeps_the_page_tree_consistent():
    call_command("demo", "--no-editor", "--publication-only", "--articles", "1200", verbosity=0)
    problems = Page.find_problems()  # bad paths, wrong depth, orphans, wrong numchild
    assert all(len(found) == 0 for found in problems), problems
