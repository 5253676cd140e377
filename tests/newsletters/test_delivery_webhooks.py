"""ESP tracking webhooks (anymail, here Postmark's format): bounces and complaints become
MailEvents of the issue; hard bounces and complaints suppress the address, soft ones not."""

import base64
import json

import pytest
from django.urls import reverse

from bigasia.newsletters.models import Delivery, MailEvent, Subscriber
from tests.newsletters.factories import make_subscribers

URL = "/newsletters/esp/postmark/tracking/"


@pytest.fixture
def webhook(client, settings):
    settings.EMAIL_TRANSPORT = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "esp:s3cret"}
    auth = "Basic " + base64.b64encode(b"esp:s3cret").decode()

    def post(payload: dict, authorization: str = auth):
        return client.post(
            URL, json.dumps(payload), content_type="application/json",
            HTTP_AUTHORIZATION=authorization,
        )  # fmt: skip

    return post


def _delivery(issue, subscriber) -> Delivery:
    return Delivery.objects.create(
        issue=issue, subscriber=subscriber, email=subscriber.email, status="sent"
    )


def _bounce(subscriber, delivery, kind="HardBounce", details="550 5.1.1 user unknown"):
    return {
        "RecordType": "Bounce", "Type": kind, "ID": 42, "Email": subscriber.email,
        "Details": details, "Description": "bounce", "MessageID": "abc",
        "BouncedAt": "2026-11-28T00:00:00Z", "Metadata": {"delivery": str(delivery.pk)},
    }  # fmt: skip


def test_it_suppresses_on_a_hard_bounce(webhook, send_issue, send_newsletter):
    reader = make_subscribers(send_newsletter, 1)[0]
    delivery = _delivery(send_issue, reader)

    assert webhook(_bounce(reader, delivery)).status_code == 200

    event = MailEvent.objects.get(issue=send_issue)
    assert event.kind == MailEvent.Kind.BOUNCED and event.subscriber_id == reader.pk
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.SUPPRESSED
    assert reader.suppression == Subscriber.Suppression.HARD_BOUNCE


def test_it_suppresses_on_a_complaint(webhook, send_issue, send_newsletter):
    reader = make_subscribers(send_newsletter, 1)[0]
    delivery = _delivery(send_issue, reader)
    payload = {
        "RecordType": "SpamComplaint", "Type": "SpamComplaint", "ID": 7,
        "Email": reader.email, "BouncedAt": "2026-11-28T00:00:00Z",
        "Metadata": {"delivery": str(delivery.pk)},
    }  # fmt: skip

    assert webhook(payload).status_code == 200

    assert MailEvent.objects.filter(issue=send_issue, kind=MailEvent.Kind.COMPLAINED).count() == 1
    reader.refresh_from_db()
    assert reader.suppression == Subscriber.Suppression.COMPLAINT


def test_it_records_a_soft_bounce_without_suppressing(webhook, send_issue, send_newsletter):
    reader = make_subscribers(send_newsletter, 1)[0]
    delivery = _delivery(send_issue, reader)

    # Postmark's "SoftBounce" arrives as a bounce with a 4xx MTA answer ("Transient" is a
    # deferral, which is not recorded at all).
    answer = webhook(_bounce(reader, delivery, kind="SoftBounce", details="452 mailbox full"))

    assert answer.status_code == 200
    event = MailEvent.objects.get(issue=send_issue)
    assert event.kind == MailEvent.Kind.BOUNCED and event.subscriber_id == reader.pk
    assert "452 mailbox full" in event.detail
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.suppression == Subscriber.Suppression.NONE


def test_it_refuses_a_webhook_without_the_secret(webhook, send_issue, send_newsletter):
    reader = make_subscribers(send_newsletter, 1)[0]
    delivery = _delivery(send_issue, reader)
    wrong = "Basic " + base64.b64encode(b"esp:guess").decode()

    assert webhook(_bounce(reader, delivery), authorization=wrong).status_code == 400

    assert not MailEvent.objects.exists()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_it_shows_the_send_and_its_figures_in_the_admin(admin_client, send_issue, send_newsletter):
    reader = make_subscribers(send_newsletter, 1)[0]
    _delivery(send_issue, reader)
    send_issue.status = "sent"
    send_issue.save()

    page = admin_client.get(reverse("newsletters_send", args=[send_issue.pk]))
    data = admin_client.get(reverse("newsletters_send_progress", args=[send_issue.pk])).json()

    assert page.status_code == 200 and b"newsletter-chart" in page.content
    assert data["sent"] == 1 and data["remaining"] == 0 and data["status"] == "sent"
    assert admin_client.get(reverse("newsletters_sends")).status_code == 200
