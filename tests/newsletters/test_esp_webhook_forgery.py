"""A forged ESP webhook suppresses nobody: only the configured ESP's tracking webhook is
mounted, the site refuses to start while it lacks its authentication, and a post that is
not an authenticated, well-formed event gets a 4xx, never a 500."""

import base64
import hashlib
import hmac
import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from bigasia.newsletters.models import MailEvent, Subscriber
from bigasia.newsletters.webhooks import check_webhook_authentication
from tests.newsletters.factories import make_subscribers

POSTMARK = "anymail.backends.postmark.EmailBackend"
MAILGUN = "anymail.backends.mailgun.EmailBackend"
SECRET = "esp:s3cret"
AUTH = "Basic " + base64.b64encode(SECRET.encode()).decode()


def _hard_bounce(email: str) -> str:
    return json.dumps({
        "RecordType": "Bounce", "Type": "HardBounce", "ID": 1, "Email": email,
        "Details": "550 5.1.1 user unknown", "BouncedAt": "2026-11-28T00:00:00Z",
    })  # fmt: skip


def _untouched(reader: Subscriber) -> bool:
    reader.refresh_from_db()
    return reader.status == Subscriber.Status.CONFIRMED and not MailEvent.objects.exists()


def test_it_mounts_no_webhook_when_mail_goes_over_smtp(client, settings, send_newsletter):
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.smtp.EmailBackend"
    settings.ANYMAIL = {}
    reader = make_subscribers(send_newsletter, 1)[0]

    answer = client.post("/newsletters/esp/postmark/tracking/", _hard_bounce(reader.email),
                         content_type="application/json")  # fmt: skip

    assert answer.status_code == 404
    assert _untouched(reader)


def test_it_mounts_only_the_configured_esps_webhook(client, settings, send_newsletter):
    settings.EMAIL_TRANSPORT = POSTMARK
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    reader = make_subscribers(send_newsletter, 1)[0]

    for esp in ("mailgun", "sendgrid", "mandrill", "amazon_ses", "nonesuch"):
        answer = client.post(f"/newsletters/esp/{esp}/tracking/", "{}",
                             content_type="application/json", HTTP_AUTHORIZATION=AUTH)  # fmt: skip
        assert answer.status_code == 404, esp
    assert client.post("/newsletters/esp/postmark/inbound/", "{}",
                       content_type="application/json").status_code == 404  # fmt: skip
    assert _untouched(reader)


def test_it_refuses_a_forged_bounce_without_credentials(client, settings, send_newsletter):
    settings.EMAIL_TRANSPORT = POSTMARK
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    reader = make_subscribers(send_newsletter, 1)[0]

    answer = client.post("/newsletters/esp/postmark/tracking/", _hard_bounce(reader.email),
                         content_type="application/json")  # fmt: skip

    assert answer.status_code == 400
    assert _untouched(reader)


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "\xff"])
def test_it_answers_a_malformed_post_with_400(client, settings, body):
    settings.EMAIL_TRANSPORT = POSTMARK
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}

    answer = client.post("/newsletters/esp/postmark/tracking/", body,
                         content_type="application/json", HTTP_AUTHORIZATION=AUTH)  # fmt: skip

    assert answer.status_code == 400


def _mailgun_post(client, reader: Subscriber, key: str):
    signature = {"token": "t" * 50, "timestamp": "1764288000"}
    signed = (signature["timestamp"] + signature["token"]).encode()
    signature["signature"] = hmac.new(key.encode(), signed, hashlib.sha256).hexdigest()
    event = {"event": "failed", "severity": "permanent", "recipient": reader.email,
             "timestamp": 1764288000.0, "id": "e1", "delivery-status": {"code": 550}}  # fmt: skip
    return client.post("/newsletters/esp/mailgun/tracking/",
                       json.dumps({"signature": signature, "event-data": event}),
                       content_type="application/json", HTTP_AUTHORIZATION=AUTH)  # fmt: skip


def test_it_refuses_a_mailgun_post_signed_with_another_key(client, settings, send_newsletter):
    settings.EMAIL_TRANSPORT = MAILGUN
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "real-key"}
    reader = make_subscribers(send_newsletter, 1)[0]

    assert _mailgun_post(client, reader, "guessed-key").status_code == 400
    assert _untouched(reader)
    assert _mailgun_post(client, reader, "real-key").status_code == 200
    reader.refresh_from_db()
    assert reader.suppression == Subscriber.Suppression.HARD_BOUNCE


def test_it_refuses_to_start_while_the_esp_webhook_has_no_secret(settings):
    settings.EMAIL_TRANSPORT = POSTMARK
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "token"}

    with pytest.raises(SystemCheckError, match="ANYMAIL_WEBHOOK_SECRET"):
        call_command("check")


def test_it_requires_the_signing_key_of_an_esp_that_signs(settings):
    settings.EMAIL_TRANSPORT = MAILGUN
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_API_KEY": "api"}

    (error,) = check_webhook_authentication()

    assert error.id == "bigasia.E001"
    assert "ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY" in error.hint
    assert "ANYMAIL_WEBHOOK_SECRET" not in error.hint


def test_it_starts_when_mail_goes_over_smtp_without_esp_secrets(settings):
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.smtp.EmailBackend"
    settings.ANYMAIL = {}

    assert check_webhook_authentication() == []
