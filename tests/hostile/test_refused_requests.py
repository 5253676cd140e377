"""Requests Django refuses before any view reads them get the site's own 400 page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "query", "headers"),
    [
        (
            "/ru/search/",
            {f"f{n}": "1" for n in range(1500)},
            {},
        ),  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
        ("/ru/", {}, {"HTTP_HOST": "evil.example"}),  # not in ALLOWED_HOSTS
    ],
    ids=["too many fields", "foreign host"],
)
def test_a_refused_request_gets_the_bad_request_page_in_both_languages(
    client, path, query, headers
):
    response = client.get(path, query, **headers)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Неверный запрос" in page and "Bad request" in page
    assert 'href="/ru/"' in page and 'href="/en/"' in page
