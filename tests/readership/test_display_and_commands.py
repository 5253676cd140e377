"""Counts on the article page, on cards, as JSON; historic import and recount."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from bigasia.readership.models import ArticleViews

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_it_shows_the_seed_storys_33_views_in_russian_and_english(client, seed_article):
    soup = _soup(client.get(seed_article.url))
    assert soup.select_one(".story__views").text == "33 просмотра"
    assert soup.select_one("[data-view-beacon]")["data-view-beacon"] == f"/r/v/{seed_article.pk}"
    assert soup.select_one("noscript")
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    ArticleViews.objects.update_or_create(page_id=english.pk, defaults={"views": 1})
    assert _soup(client.get(english.url)).select_one(".story__views").text == "1 view"


def test_it_reads_all_counts_of_the_article_page_in_one_query(client, seed_article):
    """The page and its related cards' counts cost one query together (the page's 15-query
    budget is asserted in tests/articles/test_article_page.py)."""
    from django.core.cache import cache

    from bigasia.articles.models import ArticlePage

    def queries_with_counts_cached(cached: bool) -> int:
        client.get(seed_article.url)
        if not cached:
            ids = ArticlePage.objects.values_list("pk", flat=True)
            cache.delete_many([f"readership:count:{pk}" for pk in ids])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(seed_article.url).status_code == 200
        return len(queries)

    assert queries_with_counts_cached(False) - queries_with_counts_cached(True) == 1


def test_it_shows_counts_on_the_cards_of_the_home_page(client, seed_article):
    soup = _soup(client.get("/ru/"))
    counts = {card.select_one(".card__views").text for card in soup.select(".card")}
    assert "33 просмотра" in counts and "0 просмотров" in counts


def test_it_returns_fresh_counts_as_json_and_skips_junk(client, seed_article):
    response = client.get(f"/r/counts.json?ids={seed_article.pk},abc,,99999999")
    assert response.status_code == 200
    assert response.json()["counts"][str(seed_article.pk)] == 33
    assert "max-age=30" in response["Cache-Control"]


def test_it_imports_historic_counts_from_csv_and_recounts(tmp_path, seed_article, send_beacon):
    from bigasia.readership.buffer import view_buffer

    csv_file = tmp_path / "counts.csv"
    csv_file.write_text(f"page_id,views\n{seed_article.pk},100\n")
    call_command("readership", "import", str(csv_file))
    send_beacon(seed_article.pk)
    view_buffer.flush()
    from tests.readership.conftest import move_to_database

    move_to_database()
    assert ArticleViews.objects.get(page_id=seed_article.pk).views == 101
    ArticleViews.objects.filter(page_id=seed_article.pk).update(views=5)  # damaged
    call_command("readership", "recount")
    assert ArticleViews.objects.get(page_id=seed_article.pk).views == 101
    call_command("readership", "import", str(csv_file))  # repeating an import adds nothing
    assert ArticleViews.objects.get(page_id=seed_article.pk).views == 101


def test_it_refuses_a_malformed_csv(tmp_path):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("page_id,views\n12,many\n")
    with pytest.raises(CommandError, match="expected page_id,views"):
        call_command("readership", "import", str(csv_file))
