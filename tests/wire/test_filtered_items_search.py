"""Editors search the agency items the keyword rules filtered out (kept 7 days for that),
Russian and English items alike, from an admin that speaks either language."""

import pytest
from wagtail.users.models import UserProfile

from bigasia.articles.models import SectionPage
from bigasia.articles.snippets import Source
from bigasia.feeds.polling import poll_source
from bigasia.wire.models import WireAgency, WireItem
from tests.plugins.feed_server import send_current

from .conftest import rss

pytestmark = pytest.mark.django_db

SNOW = ("reuters-1", "Snow expected across Europe", "Forecasters warn of an early winter.")
OIL = ("reuters-2", "Kazakhstan lifts oil output", "Up 5% in ten months.")


@pytest.fixture
def english_agency(feed_server, make_source):
    feed_server.routes["/reuters.xml"] = send_current(
        {"body": rss(SNOW, OIL)}, "application/rss+xml"
    )
    source = make_source("/reuters.xml", kind="wire", name="Agency EN", language="en")
    WireAgency.objects.create(
        feed=source,
        source=Source.objects.get(name="ТАСС"),
        section=SectionPage.objects.get(slug="economics", locale__language_code="ru"),
        keywords="kazakhstan",
    )
    return source


@pytest.fixture
def polled(agency_feed, english_agency):
    poll_source(agency_feed[0].pk)
    poll_source(english_agency.pk)


def _search(client, query: str) -> str:
    response = client.get("/admin/wire/filtered/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_filtered_items_whatever_the_case_and_the_word_ending(polled, editor, client):
    client.force_login(editor)
    for query in ("европе", "ЕВРОПЕ похолод", "синоптики снег"):
        html = _search(client, query)
        assert "В Европе похолодало" in html, query
        assert "Snow expected across Europe" not in html, query
    html = _search(client, "EUROPE winter")
    assert "Snow expected across Europe" in html and "В Европе похолодало" not in html


def test_it_lists_only_filtered_items_and_says_when_nothing_matches(polled, editor, client):
    client.force_login(editor)
    everything = _search(client, "")
    assert "В Европе похолодало" in everything and "Snow expected across Europe" in everything
    # Admitted items are in the inbox, not here.
    assert "Казахстан увеличил добычу нефти" not in everything
    assert "Kazakhstan lifts oil output" not in everything
    assert WireItem.objects.filter(status=WireItem.Status.INBOX).count() == 2
    assert "Среди отфильтрованных ничего не найдено." in _search(client, "муссон")
    assert "/admin/wire/filtered/" in client.get("/admin/wire/").content.decode()


def test_it_speaks_english_to_an_english_speaking_editor(polled, editor, client):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    html = _search(client, "похолодало")
    assert "Search filtered items" in html and "1 item." in html
    assert "No filtered item matches your search." in _search(client, "monsoon")
    assert "Search the filtered-out items" in client.get("/admin/wire/").content.decode()


def test_it_does_not_show_filtered_items_to_people_without_admin_access(
    polled, client, django_user_model
):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw-12345")
    client.force_login(reader)
    response = client.get("/admin/wire/filtered/", {"q": "европе"})
    assert response.status_code in (302, 403)
    assert "В Европе похолодало" not in response.content.decode()
