"""Asking again answers the same whether the address exists or not, and mails sparingly."""

import pytest

from bigasia.newsletters.models import Subscriber

from . import factories

pytestmark = pytest.mark.django_db
PAGE = "/ru/newsletters/"


def _answer(client, letters, email):
    answer = client.post(PAGE, factories.form_data(letters, email=email), follow=True)
    return answer.status_code, answer.redirect_chain, answer.content


def test_it_answers_the_same_for_known_and_unknown_addresses(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    factories.subscriber("known@example.org", letters=[daily])
    known = _answer(client, [daily], "known@example.org")
    unknown = _answer(client, [daily], "unknown@example.org")
    assert known == unknown
    # Both get a mail (the known one may confirm more newsletters); the record is untouched.
    assert len(smtp.to("known@example.org")) == 1 and len(smtp.to("unknown@example.org")) == 1
    assert Subscriber.objects.get(email="known@example.org").status == "confirmed"


def test_it_sends_at_most_one_mail_per_window(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    for _ in range(3):
        assert client.post(PAGE, factories.form_data([daily])).status_code == 302
    assert len(smtp.to("reader@example.org")) == 1


def test_it_mails_nothing_to_a_suppressed_address_and_says_nothing(client, smtp):
    daily = factories.newsletter("ru", "d-ru")
    gone = factories.subscriber("gone@example.org", letters=[daily])
    Subscriber.objects.filter(pk=gone.pk).update(status="suppressed", suppression="hard-bounce")
    assert _answer(client, [daily], "gone@example.org") == _answer(
        client, [daily], "new@example.org"
    )
    assert smtp.to("gone@example.org") == []
