"""Unknown paths and malformed query strings: the site's own 404 page, never a 500."""

import pytest

from bigasia.articles.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/ru/no-such-page/", "Страница не найдена"),
        ("/en/no-such-page/", "Page not found"),
        ("/ru/content/news/economics/no-such-story/", "Страница не найдена"),
        ("/en/country/atlantis/", "Page not found"),
        ("/ru/tag/no-such-tag/", "Страница не найдена"),
    ],
)
def test_it_answers_unknown_paths_with_a_404_in_the_paths_language(client, path, heading):
    response = client.get(path)
    assert response.status_code == 404
    assert heading in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["page=junk", "page=-1", "page=99999", "page=%FF%FE", "page=1e9", "page=", "page=2&page=x"],
)
def test_it_never_fails_on_malformed_query_strings(client, query):
    section = SectionPage.objects.get(locale__language_code="ru", slug="news")
    response = client.get(f"{section.url}?{query}")
    assert response.status_code == 200


def test_it_keeps_the_switcher_working_for_an_untranslated_article(client, seed_article):
    section = seed_article.get_parent()
    lonely = section.add_child(
        instance=ArticlePage(title="Только по-русски", lead="Вводка.", body=[])
    )
    lonely.save_revision().publish()
    response = client.get(lonely.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hreflang="en" rel="alternate">English' in html.replace("\n", "")
    assert 'href="/en/"' in html, "with no translation the switcher leads to the English home"
