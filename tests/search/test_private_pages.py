"""Search never finds a private page, however it became private."""

import pytest
from bs4 import BeautifulSoup

from tests.articles.private import KINDS, make_private

pytestmark = pytest.mark.django_db

WORD = "квазикристаллический"


def _found_titles(client, query: str) -> list[str]:
    response = client.get("/ru/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text() for h in soup.select(".search-result .card__title")]


@pytest.mark.parametrize("kind", KINDS)
def test_it_forgets_an_article_made_private(client, publish_article, kind):
    page = publish_article("Тайное совещание в Бишкеке", paragraph=f"Обсуждали {WORD} сплав.")
    assert page.title in _found_titles(client, WORD)
    make_private(page, kind)
    assert page.title not in _found_titles(client, WORD)


def test_it_forgets_the_articles_of_a_section_made_private(client, publish_article):
    page = publish_article("Закрытый доклад о границе", paragraph=f"Там {WORD} состав.")
    make_private(page.get_parent())
    assert page.title not in _found_titles(client, WORD)


def test_it_never_indexes_an_article_published_under_a_private_section(client, publish_article):
    first = publish_article("Первая заметка раздела", paragraph=f"Слово {WORD}.")
    make_private(first.get_parent())
    later = publish_article("Вторая заметка раздела", paragraph=f"Снова {WORD}.")
    assert later.title not in _found_titles(client, WORD)


def test_it_finds_the_article_again_once_the_restriction_is_lifted(client, publish_article):
    page = publish_article("Совещание рассекречено", paragraph=f"Про {WORD} металл.")
    restriction = make_private(page)
    restriction.delete()
    assert page.title in _found_titles(client, WORD)
