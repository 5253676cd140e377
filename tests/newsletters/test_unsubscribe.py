"""Leaving: RFC 8058 one-click POST, a GET that only shows a button, twice is fine."""

import pytest
from django.test import Client

from bigasia.newsletters.mail import render_issue
from bigasia.newsletters.models import MailEvent, Subscription

from . import factories

pytestmark = pytest.mark.django_db


def _unsubscribe_path(smtp_settings_issue):
    issue, reader = smtp_settings_issue
    message = render_issue(issue).message_for(reader)
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return url.replace("https://bigasia.test", "")


@pytest.fixture
def mailed(smtp):
    letter = factories.newsletter("ru", "d-ru")
    other = factories.newsletter("ru", "w-ru")
    reader = factories.subscriber("anna@example.org", letters=[letter, other])
    issue = factories.issue(letter)
    return issue, reader


def test_it_unsubscribes_on_one_click_post_without_cookie_or_token(mailed):
    issue, reader = mailed
    path = _unsubscribe_path(mailed)
    provider = Client(enforce_csrf_checks=True)  # a mail provider: no cookie, no CSRF token
    answer = provider.post(path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert answer.status_code == 200
    gone = Subscription.objects.get(subscriber=reader, newsletter=issue.newsletter)
    assert not gone.active and gone.unsubscribed_from_issue == issue
    # Only that newsletter.
    assert Subscription.objects.get(subscriber=reader, newsletter__slug="w-ru").active
    assert MailEvent.objects.filter(issue=issue, kind="unsubscribed").count() == 1


def test_it_shows_only_a_button_on_get(client, mailed):
    issue, reader = mailed
    page = client.get(_unsubscribe_path(mailed))
    assert page.status_code == 200
    assert '<form method="post"' in page.content.decode()
    assert Subscription.objects.get(subscriber=reader, newsletter=issue.newsletter).active
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


def test_it_unsubscribes_twice_without_error(client, mailed):
    issue, reader = mailed
    path = _unsubscribe_path(mailed)
    assert client.post(path).status_code == 200
    second = client.post(path)
    assert second.status_code == 200
    assert "Вы отписались" in second.content.decode()
    assert MailEvent.objects.filter(issue=issue, kind="unsubscribed").count() == 1


def test_it_refuses_a_forged_unsubscribe_link(client, mailed):
    issue, reader = mailed
    path = _unsubscribe_path(mailed)
    forged = path.replace(f"/{reader.pk}.", f"/{reader.pk + 1000}.")
    assert forged != path
    assert client.post(forged).status_code == 400
    assert client.get("/ru/newsletters/unsubscribe/garbage/").status_code == 400
    assert Subscription.objects.get(subscriber=reader, newsletter=issue.newsletter).active


def test_it_keeps_old_unsubscribe_links_working_after_preference_changes(client, mailed):
    issue, reader = mailed
    path = _unsubscribe_path(mailed)
    reader.token_nonce = "rotated"
    reader.save()
    assert client.post(path).status_code == 200
    assert not Subscription.objects.get(subscriber=reader, newsletter=issue.newsletter).active
