"""An English page shows no Russian interface text, and a Russian page no English interface
words. Article content (marked data-content) and text marked with its own lang are exempt."""

import re

import pytest
from bs4 import BeautifulSoup, Doctype

from bigasia.articles.models import ArticlePage, HomePage, SectionPage
from bigasia.articles.snippets import Country

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Interface words in Latin letters; numbers, punctuation and symbols are neutral.
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "content", "value")


def interface_text(html: bytes, page_language: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    # meta robots holds directives for crawlers (max-image-preview:large), not words.
    for tag in soup.select("[data-content], script, style, noscript, meta[name=robots]"):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if tag.name != "html" and tag["lang"] != page_language:
            tag.decompose()
    texts = [
        s.strip() for s in soup.find_all(string=True) if s.strip() and not isinstance(s, Doctype)
    ]
    for tag in soup.find_all(True):
        texts += [tag[attr] for attr in ATTRIBUTES if isinstance(tag.get(attr), str)]
    return texts


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


@pytest.mark.parametrize("kind", ["home", "section", "article", "country", "tag",
                                  "paginated section", "not found", "tv", "newsletters",
                                  "search"])  # fmt: skip
def test_it_shows_no_russian_interface_text_on_english_pages(client, kind):
    response = client.get(_pages("en")[kind])
    assert response.status_code == (404 if kind == "not found" else 200)
    leaks = [text for text in interface_text(response.content, "en") if CYRILLIC.search(text)]
    assert leaks == []


@pytest.mark.parametrize("kind", ["home", "section", "article", "country", "tag",
                                  "paginated section", "not found", "tv", "newsletters",
                                  "search"])  # fmt: skip
def test_it_shows_no_english_interface_words_on_russian_pages(client, kind):
    response = client.get(_pages("ru")[kind])
    assert response.status_code == (404 if kind == "not found" else 200)
    allowed = {"ru", "en"}  # e.g. the `lang` values themselves are not shown text
    leaks = [
        text
        for text in interface_text(response.content, "ru")
        if LATIN_WORD.search(text)
        and not CYRILLIC.search(text)
        and text not in allowed
        and not text.startswith(("http", "/", "#", "width=", "text/"))
        and "@" not in text  # an e-mail address (the form's placeholder) is not a word
    ]
    assert leaks == []
