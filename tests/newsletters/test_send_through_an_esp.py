"""Through an ESP's API backend (anymail's test backend stands in for one): every
subscriber's message handed over once, tagged with the delivery for the ESP's webhooks."""

from django.core import mail

from bigasia.newsletters import sending
from bigasia.newsletters.models import Delivery, Issue

from .delivery_fixtures import make_subscribers


def test_it_sends_through_an_anymail_backend(delivery_engine, send_issue, send_newsletter):
    delivery_engine.EMAIL_TRANSPORT = "anymail.backends.test.EmailBackend"
    readers = make_subscribers(send_newsletter, 6)
    mail.outbox.clear()

    sending.start_sending(send_issue)

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    rows = {str(row.pk): row for row in Delivery.objects.filter(issue=send_issue)}
    for message in mail.outbox:
        assert rows[message.metadata["delivery"]].email == message.to[0]
    assert {row.status for row in rows.values()} == {Delivery.Status.SENT}
