"""An English page shows no Russian interface text, and a Russian page no English interface
words (tests/language_leaks.py says what counts)."""

import pytest

from bigasia.articles.models import ArticlePage, HomePage, SectionPage
from bigasia.articles.snippets import Country
from tests.language_leaks import english_on_russian_page, russian_on_english_page

pytestmark = pytest.mark.django_db


def _pages(language: str) -> dict[str, str]:
    home = HomePage.objects.get(locale__language_code=language)
    section = SectionPage.objects.filter(locale__language_code=language, slug="politics").get()
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    country = Country.objects.get(locale__language_code=language, slug="kazakhstan")
    tag = article.tags.first()
    return {
        "home": home.url,
        "section": section.url,
        "article": article.url,
        "country": home.subpage_url("country", country.slug),
        "tag": home.subpage_url("tag", tag.slug),
        "paginated section": section.url + "?page=2",
        "not found": f"/{language}/no-such-page/",
        "tv": f"/{language}/tv/",
        "newsletters": f"/{language}/newsletters/",
        "search": f"/{language}/search/?q=2023",
    }


PAGE_KINDS = ["home", "section", "article", "country", "tag", "paginated section", "not found",
              "tv", "newsletters", "search"]  # fmt: skip


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize(
    "language, other_language_text",
    [("en", russian_on_english_page), ("ru", english_on_russian_page)],
    ids=["no Russian on English pages", "no English on Russian pages"],
)
def test_it_shows_no_interface_text_of_the_other_language(
    client, language, other_language_text, kind
):
    response = client.get(_pages(language)[kind])
    assert response.status_code == (404 if kind == "not found" else 200)
    assert other_language_text(response.content) == []
