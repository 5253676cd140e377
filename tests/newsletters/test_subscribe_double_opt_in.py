"""Subscribing: a confirmation mail first, nothing active until the link is followed."""

import pytest
from django.urls import reverse
from django.utils import translation

from bigasia.newsletters.forms import CONSENT_VERSION
from bigasia.newsletters.models import Consent, Subscriber, Subscription

from . import factories

pytestmark = pytest.mark.django_db


def _page() -> str:
    with translation.override("ru"):
        return reverse("newsletters:page")


def test_it_confirms_only_through_the_mailed_link(client, smtp):
    daily, weekly = factories.newsletter("ru", "d-ru"), factories.newsletter("ru", "w-ru")
    answer = client.post(
        _page(), factories.form_data([daily, weekly], name="Анна"), REMOTE_ADDR="203.0.113.7"
    )
    assert answer.status_code == 302 and answer["Location"].endswith("/newsletters/requested/")
    reader = Subscriber.objects.get(email="reader@example.org")
    assert reader.status == Subscriber.Status.PENDING
    assert not Subscription.objects.filter(subscriber=reader).exists()
    consent = Consent.objects.get(subscriber=reader, action="subscribe")
    assert consent.text.startswith("Я согласен получать выбранные рассылки")
    assert consent.text_version == CONSENT_VERSION
    assert consent.ip_address == "203.0.113.7"
    assert consent.newsletters == "d-ru,w-ru"

    [mail] = smtp.to("reader@example.org")
    assert mail.message["Subject"].strip() == "Подтвердите подписку на рассылки «Большой Азии»"
    link = factories.confirm_link(mail)
    # Opening the link (as a mail scanner does) confirms nothing.
    assert "Подтвердить подписку" in client.get(link).content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING

    confirmed = client.post(link)
    assert confirmed.status_code == 200
    assert "Подписка подтверждена" in confirmed.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert set(
        reader.subscriptions.filter(active=True).values_list("newsletter__slug", flat=True)
    ) == {"d-ru", "w-ru"}
    assert Consent.objects.filter(subscriber=reader, action="confirm").exists()


def test_it_refuses_a_used_link(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    client.post(_page(), factories.form_data([daily]))
    link = factories.confirm_link(smtp.to("reader@example.org")[0])
    assert client.post(link).status_code == 200
    again = client.post(link)
    assert again.status_code == 400
    assert "Эта ссылка не работает" in again.content.decode()


def test_it_refuses_an_expired_link(client, smtp, settings):
    daily = factories.newsletter("ru", "d-ru")
    client.post(_page(), factories.form_data([daily]))
    link = factories.confirm_link(smtp.to("reader@example.org")[0])
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    assert client.post(link).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_it_refuses_a_forged_link(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    client.post(_page(), factories.form_data([daily]))
    link = factories.confirm_link(smtp.to("reader@example.org")[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
    assert client.post(forged).status_code == 400
    assert client.post("/ru/newsletters/confirm/nonsense/").status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_it_mails_in_the_chosen_language(client, smtp):
    daily = factories.newsletter("en", "d-en")
    client.post(_page(), factories.form_data([daily], language="en"))
    [mail] = smtp.to("reader@example.org")
    assert mail.message["Subject"].strip() == "Confirm your subscription to Big Asia newsletters"
    assert factories.confirm_link(mail).startswith("/en/newsletters/confirm/")
