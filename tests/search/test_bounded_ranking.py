"""A word with more matches than are ranked: the newest ones are ranked, the count is a floor."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bigasia.search import backends, service
from bigasia.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["newest rows, then slices", "in slices", "at once"])
def aged_articles(request, publish_article, monkeypatch):
    """Three matching articles published 5,000, 300 and 0 days ago (slices far apart),
    searched every way PostgreSQL can: the newest rows of the language first, then time
    slices back from there (a common word); time slices only; or all at once (few matches
    expected).
    """
    monkeypatch.setattr(backends, "FEW_MATCHES", 10**9 if request.param == "at once" else 0)
    if request.param == "newest rows, then slices":
        # A window of one row: the newest article alone, then the slices behind it.
        monkeypatch.setattr(backends, "NEWEST_ROWS_MARGIN", 1e-9)
    else:
        monkeypatch.setattr(backends, "NEWEST_ROWS_MARGIN", 10**9)
    now = timezone.now()
    for age in (5000, 300, 0):
        page = publish_article(f"Пентакварк {age}")
        SearchEntry.objects.filter(page_id=page.pk).update(published_at=now - timedelta(days=age))


def _titles(limit: int, monkeypatch) -> tuple[set[str], bool]:
    monkeypatch.setattr(backends, "RANKED_CANDIDATES", limit)
    found = service.matching_entries(service.parse("пентакварк"), "ru", {})
    return {entry.title for entry in found}, found.capped


def test_it_ranks_only_the_newest_matches(aged_articles, monkeypatch):
    assert _titles(2, monkeypatch) == ({"Пентакварк 0", "Пентакварк 300"}, True)


def test_it_reaches_the_oldest_slice_when_the_limit_allows(aged_articles, monkeypatch):
    assert _titles(5, monkeypatch) == ({"Пентакварк 0", "Пентакварк 300", "Пентакварк 5000"}, False)


def test_it_says_at_least_when_the_count_is_capped(client, aged_articles, monkeypatch):
    monkeypatch.setattr(backends, "RANKED_CANDIDATES", 2)
    response = client.get("/ru/search/", {"q": "пентакварк"})
    count = BeautifulSoup(response.content, "html.parser").select_one(".search-count")
    assert count.get_text() == "Найдено не меньше 2 материалов; показаны самые свежие из них."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ranking plan")
def test_it_looks_for_a_common_words_matches_among_the_newest_rows_first(
    publish_article, monkeypatch
):
    monkeypatch.setattr(backends, "FEW_MATCHES", 0)
    monkeypatch.setattr(backends, "NEWEST_ROWS_MARGIN", 1e-9)
    publish_article("Пентакварк вчера")
    publish_article("Пентакварк сегодня")
    with CaptureQueriesContext(connection) as queries:
        found = service.matching_entries(service.parse("пентакварк"), "ru", {})
    assert [entry.title for entry in found] == ["Пентакварк сегодня", "Пентакварк вчера"]
    ranking = next(q["sql"] for q in queries.captured_queries if "candidates" in q["sql"])
    assert "AT TIME ZONE 'UTC') >" in ranking
