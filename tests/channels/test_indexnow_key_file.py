"""The IndexNow key file at the site root, through the whole URL configuration."""

import pytest

KEY = "5f2b8c1d9e7a4b3c"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _key(settings):
    settings.INDEXNOW_KEY = KEY


def test_the_key_is_served_as_plain_text_at_the_root(client):
    response = client.get(f"/{KEY}.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == KEY


@pytest.mark.parametrize("name", ["0123456789abcdef", "ads", "key-with_underscore"])
def test_any_other_txt_file_is_a_404(client, name):
    assert client.get(f"/{name}.txt", follow=True).status_code == 404


def test_no_key_file_without_a_key(client, settings):
    settings.INDEXNOW_KEY = ""
    assert client.get(f"/{KEY}.txt", follow=True).status_code == 404


def test_robots_txt_is_still_robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and b"Sitemap:" in response.content
