"""The header menu of every reader page reaches the sections, TV and the newsletters."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _menu(client, url: str) -> dict[str, str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {a["href"]: a.get_text(strip=True) for a in soup.select(".masthead nav.sections a")}


@pytest.mark.parametrize(
    ("language", "tv", "newsletters"),
    [("ru", "Телеканал «Большая Азия»", "Рассылки"), ("en", "Big Asia TV", "Newsletters")],
)
def test_it_leads_from_the_home_page_to_tv_and_the_newsletters(client, language, tv, newsletters):
    menu = _menu(client, f"/{language}/")
    assert menu[f"/{language}/tv/"] == tv
    assert menu[f"/{language}/newsletters/"] == newsletters
    assert f"/{language}/content/news/economics/" in menu, "the sections stay in the menu"


def test_it_marks_the_newsletters_page_as_current_in_the_menu(client):
    soup = BeautifulSoup(client.get("/en/newsletters/").content, "html.parser")
    current = soup.select_one('.masthead nav.sections a[aria-current="page"]')
    assert current["href"] == "/en/newsletters/"
