"""Home, section, country and tag pages list the latest live stories, newest first."""

import pytest
from bs4 import BeautifulSoup

from bigasia.articles.models import ARTICLES_PER_PAGE, ArticlePage, HomePage, SectionPage
from bigasia.demo.content import SECTIONS

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [a.text for a in BeautifulSoup(response.content, "html.parser").select(".card__title a")]


def test_it_shows_the_latest_stories_by_section_on_home(client):
    home = HomePage.objects.get(locale__language_code="ru")
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    section_titles = [h.text.strip() for h in soup.select(".home-section__title a")]
    assert set(section_titles) == {names[0] for names in SECTIONS.values()}
    economics = SectionPage.objects.get(locale__language_code="ru", slug="economics")
    newest = ArticlePage.objects.child_of(economics).live().order_by("-first_published_at")
    first_block = next(
        block
        for block in soup.select(".home-section")
        if block.select_one(".home-section__title").text.strip() == economics.title
    )
    shown = [a.text for a in first_block.select(".card__title a")]
    assert shown == [page.title for page in newest[:4]]


def test_it_puts_the_top_story_first_on_home(client, seed_article):
    soup = BeautifulSoup(client.get("/ru/").content, "html.parser")
    top = soup.select_one(".home-section--top .card__title a")
    assert top.text == seed_article.title and top["href"] == seed_article.url


def test_it_lists_a_sections_stories_newest_first_and_only_live_ones(client):
    section = SectionPage.objects.get(locale__language_code="en", slug="politics")
    draft = ArticlePage.objects.child_of(section).first()
    draft.unpublish()
    titles = _titles(client.get(section.url))
    expected = ArticlePage.objects.child_of(section).live().order_by("-first_published_at", "-pk")
    assert len(expected) >= 2, "the demo section must keep live stories after the unpublish"
    assert titles == [page.title for page in expected[:ARTICLES_PER_PAGE]]
    assert draft.title not in titles


def test_it_lists_a_countrys_stories_on_its_page(client):
    response = client.get("/ru/country/kazakhstan/")
    titles = _titles(response)
    assert any(title.startswith("Российско-казахстанское") for title in titles)
    for page in ArticlePage.objects.filter(title__in=titles):
        assert page.article_countries.filter(country__slug="kazakhstan").exists()


def test_it_switches_a_country_page_to_the_same_country_in_english(client):
    soup = BeautifulSoup(client.get("/ru/country/kazakhstan/").content, "html.parser")
    assert soup.select_one('.languages a[hreflang="en"]')["href"] == "/en/country/kazakhstan/"
    assert soup.select_one("h1").text == "Казахстан"


def test_it_lists_stories_with_a_tag(client, seed_article):
    tag = seed_article.tags.first()
    titles = _titles(client.get(f"/ru/tag/{tag.slug}/"))
    assert seed_article.title in titles


def test_it_gives_each_page_of_a_listing_its_own_canonical_address(client):
    section = SectionPage.objects.get(locale__language_code="ru", slug="news")
    soup = BeautifulSoup(client.get(section.url + "?page=2").content, "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"].endswith(section.url + "?page=2")
    first = BeautifulSoup(client.get(section.url).content, "html.parser")
    assert first.select_one('link[rel="canonical"]')["href"].endswith(section.url)


def test_it_counts_no_deeper_than_the_listing_goes(client, monkeypatch):
    from bigasia.articles import models

    monkeypatch.setattr(models, "MAX_LISTING_PAGES", 1)
    section = SectionPage.objects.get(locale__language_code="ru", slug="news")
    assert ArticlePage.objects.descendant_of(section).live().count() > models.ARTICLES_PER_PAGE
    soup = BeautifulSoup(client.get(section.url + "?page=2").content, "html.parser")
    assert soup.select_one(".pagination") is None, "the listing ends at the bound"
    assert len(soup.select(".card")) == models.ARTICLES_PER_PAGE
