"""The seed article carries every element of the seed page, in both languages."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 5  # site, locale, home page, publication stamp; the rest comes from fragments


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_it_shows_the_seed_story_as_the_seed_page_does(client, seed_article):
    assert seed_article.url.startswith("/ru/content/news/economics/")
    soup = _soup(client.get(seed_article.url))
    assert soup.html["lang"] == "ru"
    assert soup.select_one(".brand__name").text == "Большая Азия"
    assert soup.select_one(".brand__tagline").text == "Открываем Азию для России"
    assert soup.select_one("h1.story__title").text == seed_article.title
    assert soup.select_one(".story__lead").text == seed_article.lead
    assert soup.select_one(".story__date").text == "03.02.2023"
    assert soup.select_one(".story__source").text == "ТАСС"
    quotes = soup.select(".story__body .quote")
    assert len(quotes) >= 2
    assert "Михаил Мишустин" in quotes[0].select_one(".quote__speaker").text
    body = soup.select_one(".story__body").text
    assert "25,5\u00a0млрд" in body and "10\u00a0%" in body
    countries = [a.text for a in soup.select(".story__countries a")]
    assert "Казахстан" in countries
    assert soup.select(".story__tags a")
    assert len(soup.select(".related .card")) >= 2


def test_it_shows_the_english_version_with_english_attribution(client, seed_article):
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    assert english.url.startswith("/en/content/news/economics/")
    soup = _soup(client.get(english.url))
    assert soup.html["lang"] == "en"
    assert soup.select_one(".brand__tagline").text == "Opening Asia for Russia"
    assert soup.select_one(".story__date").text == "03.02.2023"
    assert soup.select_one(".story__source").text == "TASS"
    assert "Mikhail Mishustin" in soup.select_one(".quote__speaker").text
    assert "Kazakhstan" in [a.text for a in soup.select(".story__countries a")]


def test_it_links_the_translation_for_the_language_switcher_and_hreflang(client, seed_article):
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    soup = _soup(client.get(seed_article.url))
    switch = soup.select_one('.languages a[hreflang="en"]')
    assert switch["href"] == english.url
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["en"].endswith(english.url) and alternates["ru"].endswith(seed_article.url)
    assert soup.select_one('link[rel="canonical"]')["href"].endswith(seed_article.url)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_renders_within_a_fixed_query_budget(client, seed_article, language):
    url = seed_article.get_translation(Locale.objects.get(language_code=language)).url
    client.get(url)  # warm the per-process caches (site root paths, navigation)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= QUERY_BUDGET, "\n".join(q["sql"] for q in queries)
