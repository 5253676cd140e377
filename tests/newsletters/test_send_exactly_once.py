"""An send_issue reaches every confirmed, subscribed reader exactly once, in batches."""

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Delivery, Issue
from tests.newsletters.factories import make_subscribers


def test_it_sends_one_message_per_subscriber(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 23)
    make_subscribers(send_newsletter, 2, confirmed=False)  # never confirmed

    created = lifecycle.start_sending(send_issue)

    assert created == 23
    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT and send_issue.finished_at is not None
    per_recipient = smtp_sink.inbox.per_recipient()
    assert sorted(per_recipient) == sorted(r.email for r in readers)
    assert set(per_recipient.values()) == {1}
    assert len(set(smtp_sink.inbox.message_ids)) == 23
    rows = Delivery.objects.filter(issue=send_issue)
    assert {row.status for row in rows} == {Delivery.Status.SENT}
    assert {row.message_id for row in rows} == set(smtp_sink.inbox.message_ids)
    # One connection per batch, not one per message.
    assert smtp_sink.inbox.connections <= 23 // 5 + 2


def test_it_creates_deliveries_once_when_started_twice(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    make_subscribers(send_newsletter, 4)
    lifecycle.start_sending(send_issue)
    Issue.objects.filter(pk=send_issue.pk).update(status=Issue.Status.SENDING)
    latecomer = make_subscribers(send_newsletter, 1)[0]

    assert lifecycle.start_sending(send_issue) == 1

    assert Delivery.objects.filter(issue=send_issue).count() == 5
    assert set(smtp_sink.inbox.per_recipient().values()) == {1}
    assert smtp_sink.inbox.per_recipient()[latecomer.email] == 1
