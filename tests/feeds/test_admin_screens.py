"""Editors manage feed sources and agencies in the Wagtail admin and see the last status."""

import pytest
from bs4 import BeautifulSoup

from bigasia.feeds.models import FeedSource

pytestmark = pytest.mark.django_db


def test_it_lists_sources_with_their_last_status(admin_client):
    FeedSource.objects.create(
        name="Партнёр Альфа",
        url="http://alpha.example/rss",
        language="ru",
        status=FeedSource.Status.ERROR,
        last_error="http: HTTP 500",
    )
    listing = admin_client.get("/admin/snippets/feeds/feedsource/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Партнёр Альфа" in html and "HTTP 500" in html


def test_it_adds_a_source_and_refuses_other_schemes(admin_client):
    form = {
        "name": "Beta",
        "url": "ftp://beta.example/rss",
        "kind": "partner",
        "feed_format": "rss",
        "language": "en",
        "poll_interval": "900",
        "enabled": "on",
    }
    response = admin_client.post("/admin/snippets/feeds/feedsource/add/", form)
    assert response.status_code == 200 and not FeedSource.objects.filter(name="Beta").exists()
    form["url"] = "https://beta.example/rss"
    response = admin_client.post("/admin/snippets/feeds/feedsource/add/", form)
    assert response.status_code == 302
    assert FeedSource.objects.get(name="Beta").language == "en"


def test_it_offers_the_agency_settings_and_the_wire_menu(admin_client):
    form = admin_client.get("/admin/snippets/wire/wireagency/add/")
    assert form.status_code == 200
    fields = {
        field["name"] for field in BeautifulSoup(form.content, "html.parser").select("form [name]")
    }
    assert {"feed", "source", "section", "keywords"} <= fields
    assert "/admin/wire/" in admin_client.get("/admin/").content.decode()  # menu JSON
