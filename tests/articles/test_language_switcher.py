"""The language switcher keeps the reader's place: it leads to the same page, tag, search or
newsletters page in the other language, both ways."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from bigasia.articles.models import ArticlePage
from bigasia.articles.snippets import Author
from bigasia.tv.models import EpisodePage, ProgrammePage, TvIndexPage

pytestmark = pytest.mark.django_db


def _switch(client, url: str, to: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    link = BeautifulSoup(response.content, "html.parser").select_one(
        f'.languages a[hreflang="{to}"]'
    )
    return link["href"]


def _page_pair(model) -> tuple[str, str]:
    russian = model.objects.live().filter(locale__language_code="ru").first()
    english = russian.get_translation(english_locale())
    return russian.url, english.url


def english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def _author_pair() -> tuple[str, str]:
    russian = next(
        author
        for author in Author.objects.filter(locale__language_code="ru")
        if author.get_translation_or_none(english_locale())
    )
    english = russian.get_translation(english_locale())
    return f"/ru/author/{russian.slug}/", f"/en/author/{english.slug}/"


def _pairs() -> dict:
    return {
        "tag": lambda: ("/ru/tag/eaes/", "/en/tag/eaeu/"),
        "search": lambda: (
            "/ru/search/?" + urlencode({"q": "Казахстан"}),
            "/en/search/?" + urlencode({"q": "Казахстан"}),
        ),
        "newsletters": lambda: ("/ru/newsletters/", "/en/newsletters/"),
        "country": lambda: ("/ru/country/kazakhstan/", "/en/country/kazakhstan/"),
        "author": _author_pair,
        "article": lambda: _page_pair(ArticlePage),
        "section": lambda: ("/ru/content/news/economics/", "/en/content/news/economics/"),
        "tv index": lambda: _page_pair(TvIndexPage),
        "tv programme": lambda: _page_pair(ProgrammePage),
        "tv episode": lambda: _page_pair(EpisodePage),
    }


@pytest.mark.parametrize("place", list(_pairs()))
def test_it_keeps_the_readers_place_when_switching_language(client, place):
    russian, english = _pairs()[place]()
    assert _switch(client, russian, "en") == english
    assert _switch(client, english, "ru") == russian


def test_it_leads_a_tag_page_to_the_translated_tag_not_a_tag_shared_by_its_stories(client):
    # The English version of the ЕАЭС story is tagged "EAEU" and "trade"; "trade" tags other
    # stories too, so it is not the translation of ЕАЭС.
    assert _switch(client, "/ru/tag/eaes/", "en") == "/en/tag/eaeu/"
    assert _switch(client, "/ru/tag/torgovlya/", "en") == "/en/tag/trade/"
