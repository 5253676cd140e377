"""An id or page number longer than a database integer is an unknown address: a 404."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/tv/episode/99999999999999999999/chapters.vtt",
        "/tv/programme/9223372036854775808/schedule.ics",
        "/sitemap-articles-99999999999999999999.xml",
        "/partners/go/99999999999999999999/",
    ],
)
def test_an_id_too_large_for_a_database_integer_is_a_404(client, path):
    # Unmatched, a path outside the language prefix is first sent to the reader's language.
    assert client.get(path, follow=True).status_code == 404
