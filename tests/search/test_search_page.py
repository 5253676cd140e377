"""The search page in both languages: cards, highlights, filters, pages, and hostile input."""

import pytest
from bs4 import BeautifulSoup

from tests.language_leaks import CYRILLIC, english_on_russian_page, russian_on_english_page

pytestmark = pytest.mark.django_db


def _get(client, language: str = "ru", **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def _result_titles(soup) -> list[str]:
    return [h.get_text() for h in soup.select(".search-result .card__title")]


def test_it_shows_results_as_cards_with_highlighted_matches(client, seed_article):
    _response, soup = _get(client, q="Мишустин казахстанский")
    card = soup.select(".search-result")[0]
    assert card.select_one(".card__title").get_text() == seed_article.title
    assert card.select_one(".card__title a")["href"] == seed_article.url
    assert card.select_one("time").get_text() == "03.02.2023"
    assert card.select_one(".card__section").get_text() == seed_article.get_parent().title
    assert card.select_one(".card__views").get_text() == "33 просмотра"  # the demo's import
    marked = [m.get_text() for m in card.select("mark")]
    assert "казахстанское" in marked and "Мишустин" in marked


def test_it_searches_in_english_on_the_english_page(client):
    _response, soup = _get(client, "en", q="Kazakhstan")
    titles = _result_titles(soup)
    assert titles and all(not CYRILLIC.search(title) for title in titles)


def test_it_filters_by_country_section_source_and_dates(client, publish_article):
    kz = publish_article("Пентакварк в Астане", country="kazakhstan")
    publish_article("Пентакварк в Пекине", section="economics", country="china")
    kazakhstan = kz.article_countries.get().country
    _response, soup = _get(client, q="пентакварк", country=kazakhstan.pk)
    assert _result_titles(soup) == [kz.title]
    _response, soup = _get(client, q="пентакварк", section=kz.get_parent().pk)
    assert _result_titles(soup) == [kz.title]
    _response, soup = _get(client, q="пентакварк", date_from="2000-01-01", date_to="01.01.2001")
    assert _result_titles(soup) == []
    published = kz.first_published_at.date().isoformat()
    _response, soup = _get(client, q="пентакварк", date_from=published)
    assert len(_result_titles(soup)) == 2


def test_it_reports_a_bad_filter_and_still_searches(client, publish_article):
    publish_article("Пентакварк на выставке")
    _response, soup = _get(client, q="пентакварк", section="x", date_from="вчера", source="'1")
    assert len(soup.select(".search-form__error")) == 3
    assert _result_titles(soup) == ["Пентакварк на выставке"]


def test_it_paginates_and_keeps_the_query_in_page_links(client, publish_article):
    for number in range(12):
        publish_article(f"Гравицапа номер {number}")
    _response, soup = _get(client, q="гравицапа")
    assert len(_result_titles(soup)) == 10
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "q=%D0%B3%D1%80%D0%B0%D0%B2%D0%B8%D1%86%D0%B0%D0%BF%D0%B0" in next_link
    assert "page=2" in next_link
    _response, soup = _get(client, q="гравицапа", page="2")
    assert len(_result_titles(soup)) == 2
    _response, soup = _get(client, q="гравицапа", page="9999'")
    assert len(_result_titles(soup)) == 10


def test_it_suggests_a_spelling_when_nothing_is_found(client, publish_article):
    publish_article("Гравицапа прибыла в порт")
    _response, soup = _get(client, q="гравецапа")
    assert _result_titles(soup) == []
    suggestion = soup.select_one(".search-suggestion a")
    assert suggestion.get_text() == "гравицапа"


BAD_QUERIES = {
    "empty": "",
    "spaces": "   ",
    "one letter": "ж",
    "punctuation": "!!! ??? … — ()[]{}*&^%$#@",
    "sql": "'; DROP TABLE sitesearch_searchentry; --",
    "fts syntax": 'NEAR("a" "b") OR * AND -x:y',
    "tsquery syntax": "a & | ! <-> :* ( ",
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "10 KB": "Казахстан " * 1024,
}


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("kind", list(BAD_QUERIES))
def test_it_answers_hostile_queries_with_a_clear_page(client, kind, language):
    query = BAD_QUERIES[kind]
    response, soup = _get(client, language, q=query)
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    message = soup.select_one(".search-message, .search-count")
    assert message is not None and message.get_text().strip()


def test_it_shows_the_searched_words_of_an_overlong_query(client):
    _response, soup = _get(client, q="Казахстан " * 1024)
    assert soup.select_one(".search-message").get_text()
    assert soup.select(".search-result")


def test_it_escapes_html_in_a_query_that_matches(client, publish_article):
    publish_article("Квазар и скрипт", paragraph="квазар &lt;b&gt;жирный&lt;/b&gt;")
    response, soup = _get(client, q="<b>квазар</b>")
    assert _result_titles(soup) == ["Квазар и скрипт"]
    assert "<b>жирный" not in response.content.decode()
    assert soup.select_one(".search-form input[name=q]")["value"] == "<b>квазар</b>"


def test_it_puts_a_search_box_in_every_page_header(client, seed_article):
    soup = BeautifulSoup(client.get(seed_article.url).content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/ru/search/"
    assert form.select_one("input[name=q]") is not None


@pytest.mark.parametrize("query", ["", "ж", "Казахстан", "Kazakhstan", "гравецапа"])
def test_it_leaks_no_interface_text_of_the_other_language(client, query):
    english, _soup = _get(client, "en", q=query, date_from="2020-13-45")
    assert russian_on_english_page(english.content) == []
    russian, _soup = _get(client, "ru", q=query, date_from="2020-13-45")
    assert english_on_russian_page(russian.content) == []
