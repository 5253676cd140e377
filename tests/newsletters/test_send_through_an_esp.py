"""Through an ESP's HTTP API (anymail's Postmark backend against a local Postmark): every
subscriber's message handed over once with the server token, tagged with the delivery for the
ESP's webhooks; an address the ESP refuses fails for good, an API error is retried."""

import pytest

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Delivery, Issue, MailEvent, Subscriber
from tests.newsletters.factories import make_subscribers

from .postmark import TOKEN, PostmarkAPI


@pytest.fixture
def postmark(delivery_engine):
    api = PostmarkAPI()
    api.start()
    delivery_engine.EMAIL_TRANSPORT = "anymail.backends.postmark.EmailBackend"
    delivery_engine.ANYMAIL = {"POSTMARK_SERVER_TOKEN": TOKEN, "POSTMARK_API_URL": api.url}
    yield api
    api.stop()


def test_it_hands_each_message_to_the_esps_api_once(postmark, send_issue, send_newsletter):
    readers = make_subscribers(send_newsletter, 6)

    lifecycle.start_sending(send_issue)

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    assert postmark.tokens == [TOKEN] * 6
    assert sorted(message["To"] for message in postmark.sent) == sorted(r.email for r in readers)
    rows = {str(row.pk): row for row in Delivery.objects.filter(issue=send_issue)}
    for message in postmark.sent:
        assert rows[message["Metadata"]["delivery"]].email == message["To"]
        assert message["Metadata"]["issue"] == str(send_issue.pk)
        assert message["Subject"] == send_issue.subject
    assert {row.status for row in rows.values()} == {Delivery.Status.SENT}


def test_it_fails_for_good_an_address_the_esp_refuses(postmark, send_issue, send_newsletter):
    readers = make_subscribers(send_newsletter, 4)
    refused = readers[2]
    postmark.inactive.add(refused.email.lower())

    lifecycle.start_sending(send_issue)

    row = Delivery.objects.get(issue=send_issue, subscriber=refused)
    assert row.status == Delivery.Status.FAILED and row.smtp_code == 550
    assert MailEvent.objects.get(issue=send_issue, kind=MailEvent.Kind.BOUNCED).subscriber_id == (
        refused.pk
    )
    assert sorted(message["To"] for message in postmark.sent) == sorted(
        r.email for r in readers if r != refused
    )
    refused.refresh_from_db()
    assert refused.status == Subscriber.Status.CONFIRMED  # Postmark suppresses it itself


def test_it_retries_later_when_the_esps_api_fails(
    postmark, delivery_engine, send_issue, send_newsletter
):
    delivery_engine.NEWSLETTERS_RETRY_SECONDS = 30
    reader = make_subscribers(send_newsletter, 1)[0]
    postmark.fail_next = 1

    lifecycle.start_sending(send_issue)

    row = Delivery.objects.get(issue=send_issue, subscriber=reader)
    assert row.status == Delivery.Status.PENDING and row.attempts == 1
    assert postmark.sent == []


def test_it_retries_later_when_the_esp_refuses_the_token(
    postmark, delivery_engine, send_issue, send_newsletter
):
    delivery_engine.NEWSLETTERS_RETRY_SECONDS = 30
    delivery_engine.ANYMAIL = {**delivery_engine.ANYMAIL, "POSTMARK_SERVER_TOKEN": "wrong"}
    reader = make_subscribers(send_newsletter, 1)[0]

    lifecycle.start_sending(send_issue)

    assert postmark.tokens == ["wrong"] and postmark.sent == []
    row = Delivery.objects.get(issue=send_issue, subscriber=reader)
    assert row.status == Delivery.Status.PENDING and row.attempts == 1
