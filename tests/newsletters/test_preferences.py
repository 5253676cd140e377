"""The preference page opens only from a fresh, expiring link mailed to the address; it
changes choices or leaves everything, and a used link stops working."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from bigasia.newsletters.mail import render_issue
from bigasia.newsletters.models import Subscription

from . import factories
from .dkim import links

pytestmark = pytest.mark.django_db
SITE = "https://bigasia.test"


def _manage_link(reader, letter) -> str:
    """ "Manage your subscriptions" from an issue mail, as a local path."""
    body = render_issue(factories.issue(letter)).message_for(reader).body
    [url] = [line.split(": ", 1)[1] for line in body.splitlines() if "/manage/" in line]
    return url.removeprefix(SITE)


def _settings_link(received) -> str:
    text = received.message.get_body(("plain",)).get_content()
    [url] = [url for url in links(text) if "/newsletters/preferences/" in url]
    return url.removeprefix(SITE)


@pytest.fixture
def reader_link(client, smtp):
    daily, weekly = factories.newsletter("ru", "d-ru"), factories.newsletter("ru", "w-ru")
    reader = factories.subscriber("anna@example.org", letters=[daily])
    client.post(_manage_link(reader, daily))
    [received] = smtp.to("anna@example.org")
    return reader, daily, weekly, _settings_link(received)


def test_the_link_in_a_mail_only_mails_a_fresh_settings_link_to_the_address(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    reader = factories.subscriber("anna@example.org", letters=[daily], language="en")
    manage = _manage_link(reader, daily)
    page = client.get(manage).content.decode()
    assert "anna@example.org" not in page and "/preferences/" not in page
    answer = client.post(manage, follow=True)
    assert answer.redirect_chain[-1][0].endswith("/newsletters/manage-link-sent/")
    assert "Проверьте почту" in answer.content.decode()
    [received] = smtp.to("anna@example.org")  # in the language the reader chose for mails
    assert received.message["Subject"] == "Your Big Asia newsletter settings"
    settings_page = client.get(_settings_link(received))
    assert settings_page.status_code == 200 and "anna@example.org" in settings_page.content.decode()


def test_the_unsubscribed_page_leads_to_the_settings_only_through_the_mailbox(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    reader = factories.subscriber("anna@example.org", letters=[daily])
    body = render_issue(factories.issue(daily)).message_for(reader).body
    [unsubscribe] = [url for url in links(body) if "/unsubscribe/" in url]
    page = client.post(unsubscribe.removeprefix(SITE)).content.decode()  # RFC 8058 one-click
    assert "/preferences/" not in page and "anna@example.org" not in page
    assert "/newsletters/manage/" in page
    assert Subscription.objects.get(subscriber=reader).active is False


def test_a_settings_link_expires_within_a_day(client, reader_link):
    _reader, _daily, _weekly, path = reader_link
    assert client.get(path).status_code == 200
    with freeze_time(timezone.now() + timedelta(hours=24, minutes=1)):
        assert client.get(path).status_code == 400


def test_asking_for_settings_links_again_and_again_mails_one(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    manage = _manage_link(factories.subscriber("anna@example.org", letters=[daily]), daily)
    for _ in range(5):
        client.post(manage)
    assert len(smtp.to("anna@example.org")) == 1


def _active(reader) -> set[str]:
    rows = Subscription.objects.filter(subscriber=reader, active=True)
    return set(rows.values_list("newsletter__slug", flat=True))


def test_it_changes_choices(client, reader_link):
    reader, daily, weekly, path = reader_link
    page = client.get(path)
    assert page.status_code == 200 and "anna@example.org" in page.content.decode()
    answer = client.post(path, {"newsletters": [str(weekly.pk)], "language": "en", "save": "1"})
    assert answer.status_code == 302 and answer["Location"].endswith("?saved=1")
    assert _active(reader) == {"w-ru"}
    reader.refresh_from_db()
    assert reader.language == "en"
    assert "Ваш выбор сохранён." in client.get(answer["Location"]).content.decode()
    # The used link is spent; the fresh one it redirected to works.
    assert client.get(path).status_code == 400


def test_it_leaves_everything(client, reader_link):
    reader, daily, weekly, path = reader_link
    client.post(path, {"newsletters": [str(daily.pk)], "language": "ru", "leave": "1"})
    assert _active(reader) == set()


def test_it_refuses_a_forged_preferences_link(client, reader_link):
    _reader, _daily, _weekly, path = reader_link
    assert client.get(path[:-4] + "xyz/").status_code == 400
