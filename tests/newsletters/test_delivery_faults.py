"""Faults mid-send: the server drops the connection, the server is down for a while, a
subscriber is deleted or unsubscribes after the send started."""

import time

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Delivery, Issue, Subscriber, Subscription
from tests.newsletters.factories import make_subscribers
from tests.plugins.newsletter_delivery import drain


def test_it_survives_a_dropped_connection_without_duplicates(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 14)
    smtp_sink.inbox.drop_at_rcpt = 7  # inside the second batch

    lifecycle.start_sending(send_issue)
    drain(send_issue)

    assert send_issue.status == Issue.Status.SENT
    counts = smtp_sink.inbox.per_recipient()
    assert sorted(counts) == sorted(r.email for r in readers)
    assert set(counts.values()) == {1}
    assert len(smtp_sink.inbox.message_ids) == len(set(smtp_sink.inbox.message_ids)) == 14


def test_it_pauses_while_the_server_is_down_and_resumes(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 9)
    smtp_sink.stop()

    lifecycle.start_sending(send_issue)

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENDING
    assert send_issue.outage_count >= 1 and send_issue.outage_until is not None
    assert Delivery.objects.filter(issue=send_issue, status=Delivery.Status.PENDING).count() == 9
    time.sleep(0.5)
    lifecycle.tend()  # still down: the pause doubles
    send_issue.refresh_from_db()
    assert send_issue.outage_count >= 2

    smtp_sink.start()
    drain(send_issue, rounds=60)

    assert send_issue.status == Issue.Status.SENT and send_issue.outage_count == 0
    assert sorted(smtp_sink.inbox.per_recipient()) == sorted(r.email for r in readers)
    assert set(smtp_sink.inbox.per_recipient().values()) == {1}


def test_it_skips_subscribers_gone_since_the_send_started(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 8)
    smtp_sink.stop()
    lifecycle.start_sending(send_issue)  # rows created, nothing sent yet
    deleted, unsubscribed, suppressed = readers[1], readers[4], readers[6]
    deleted.delete()
    Subscription.objects.filter(subscriber=unsubscribed).update(active=False)
    Subscriber.objects.filter(pk=suppressed.pk).update(status=Subscriber.Status.SUPPRESSED)

    smtp_sink.start()
    drain(send_issue, rounds=60)

    received = set(smtp_sink.inbox.per_recipient())
    assert received == {r.email for r in readers} - {
        deleted.email,
        unsubscribed.email,
        suppressed.email,
    }
    skipped = Delivery.objects.filter(issue=send_issue, status=Delivery.Status.SKIPPED)
    assert skipped.count() == 3
    assert skipped.filter(subscriber__isnull=True, email=deleted.email).exists()
