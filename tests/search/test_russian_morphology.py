"""Russian forms find each other in both modes: stems plus the country-name rule."""

import pytest

from bigasia.search import morphology, service

pytestmark = pytest.mark.django_db


def _titles(text: str, language: str = "ru") -> set[str]:
    query = service.parse(text)
    return {entry.title for entry in service.matching_entries(query, language, {})}


def test_it_reduces_country_forms_and_adjectives_to_one_keyword():
    for word in ["казахстан", "казахстана", "казахстанский", "казахстанского", "казахской"]:
        assert morphology.country_keyword(word) == "казахстан"
    for word in ["китай", "китая", "китайские"]:
        assert morphology.country_keyword(word) == "китай"
    assert morphology.country_keyword("kazakhstani") == "kazakhstan"
    assert morphology.country_keyword("торговля") is None


def test_it_drops_single_letters_stop_words_and_punctuation():
    assert morphology.query_groups("и в !!! ? т", 8) == []
    assert morphology.query_groups("Ёлки и палки", 8) == [("елки",), ("палки",)]


KAZAKHSTAN_QUERIES = [
    "Казахстан зуброфон",
    "Казахстана зуброфон",
    "казахстанский зуброфон",
    "казахстанского зуброфона",
]


@pytest.mark.parametrize("query", KAZAKHSTAN_QUERIES)
def test_it_finds_every_form_of_kazakhstan_from_every_other(publish_article, query):
    publish_article("Зуброфон прибыл в Казахстан", "Первый зуброфон.")
    publish_article("Казахстанский зуброфон зазвучал", "Второй зуброфон.")
    publish_article("Зуброфон в Киргизии", "Третий зуброфон.")
    assert _titles(query) == {"Зуброфон прибыл в Казахстан", "Казахстанский зуброфон зазвучал"}


def test_it_joins_china_and_chinese_in_russian_case_forms(publish_article):
    publish_article("Квазиплан для Китая", "Квазиплан.")
    publish_article("Китайский квазиплан", "Квазиплан.")
    assert _titles("Китай квазиплан") == {"Квазиплан для Китая", "Китайский квазиплан"}


def test_it_stems_english_in_english(publish_article):
    publish_article("Kazakh zubrophone trading begins", "A zubrophone.", language="en")
    publish_article("Zubrophones traded in Kazakhstan", "Another.", language="en")
    found = _titles("kazakhstan zubrophone trade", "en")
    assert found == {"Kazakh zubrophone trading begins", "Zubrophones traded in Kazakhstan"}


def test_it_searches_only_the_pages_language(publish_article):
    publish_article("Зуброфон по-русски")
    publish_article("Zubrophone in English", language="en")
    assert _titles("зуброфон") == {"Зуброфон по-русски"}
    assert _titles("zubrophone", "en") == {"Zubrophone in English"}


def test_it_ranks_a_title_match_above_a_body_match(publish_article):
    publish_article("Обычная новость", "Ничего особенного.", paragraph="Упомянут гиперлуп.")
    publish_article("Гиперлуп построят к осени", "Коротко.")
    query = service.parse("гиперлуп")
    ranked = [entry.title for entry in service.matching_entries(query, "ru", {})]
    assert ranked == ["Гиперлуп построят к осени", "Обычная новость"]


def test_it_finds_the_seed_story_by_words_of_its_body(seed_article):
    assert seed_article.title in _titles("Мишустин межправительственный совет")
