"""The newsletters page and its errors speak the reader's language; junk in the address bar
pre-fills nothing harmful and never fails."""

import pytest

from . import factories

pytestmark = pytest.mark.django_db


def test_it_lists_the_newsletters_of_the_pages_language(client):
    page = client.get("/en/newsletters/").content.decode()
    assert "Big Asia newsletters" in page
    assert "Daily digest" in page and "Ежедневный дайджест" not in page
    russian = client.get("/ru/newsletters/").content.decode()
    assert "Рассылки «Большой Азии»" in russian
    assert "Ежедневный дайджест" in russian and "Daily digest" not in russian


def test_it_explains_errors_in_english_on_the_english_page(client, smtp):
    letter = factories.newsletter("en", "d-en")
    answer = client.post("/en/newsletters/", factories.form_data([letter], email="nope"))
    assert answer.status_code == 400
    assert "Enter a valid email address, for example name@example.com." in answer.content.decode()


def test_it_prefills_from_the_box_without_script(client):
    page = client.get("/ru/newsletters/?email=reader%40example.org&newsletters=1&language=en")
    assert page.status_code == 200
    assert 'value="reader@example.org"' in page.content.decode()


@pytest.mark.parametrize(
    "query",
    ["?newsletters=abc&language=zz", "?email=" + "x" * 5000, "?email=%3Cscript%3E", "?name=%00"],
)
def test_it_survives_junk_in_the_address_bar(client, query):
    page = client.get("/ru/newsletters/" + query)
    assert page.status_code == 200
    assert "<script>" not in page.content.decode().split("<main", 1)[1]


def test_the_box_on_reader_pages_carries_no_csrf_token(client, seed_article):
    page = client.get(seed_article.url)
    html = page.content.decode()
    assert 'class="nl-box__form js-nl-box" method="get"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in str(page.headers) and not page.cookies
