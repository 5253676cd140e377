"""The server refuses some recipients: 4xx is retried later with back-off, 5xx is failed
permanently, recorded as a bounce and suppresses the address."""

from django.utils import timezone

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Delivery, Issue, MailEvent, Subscriber
from tests.newsletters.factories import make_subscribers
from tests.plugins.newsletter_delivery import drain


def test_it_retries_4xx_later_and_fails_5xx_for_good(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 12)
    greylisted, gone = readers[3], readers[8]
    smtp_sink.inbox.softfail_once.add(greylisted.email)
    smtp_sink.inbox.hardfail.add(gone.email)
    delivery_engine.NEWSLETTERS_RETRY_SECONDS = 30

    lifecycle.start_sending(send_issue)
    waiting = Delivery.objects.get(issue=send_issue, subscriber=greylisted)
    assert waiting.status == Delivery.Status.PENDING
    assert waiting.smtp_code == 451 and waiting.attempts == 1
    assert 25 < (waiting.retry_at - timezone.now()).total_seconds() <= 30
    lifecycle.tend()
    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENDING  # not done while a retry waits
    assert greylisted.email not in smtp_sink.inbox.per_recipient()

    # The back-off has passed (moved rather than waited for).
    Delivery.objects.filter(pk=waiting.pk).update(retry_at=timezone.now())
    drain(send_issue)

    assert send_issue.status == Issue.Status.SENT
    counts = smtp_sink.inbox.per_recipient()
    assert counts[greylisted.email] == 1
    assert gone.email not in counts
    assert sum(counts.values()) == 11 and set(counts.values()) == {1}
    failed = Delivery.objects.get(issue=send_issue, subscriber=gone)
    assert failed.status == Delivery.Status.FAILED and failed.smtp_code == 550
    assert MailEvent.objects.filter(issue=send_issue, kind=MailEvent.Kind.BOUNCED).count() == 1
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.SUPPRESSED
    assert gone.suppression == Subscriber.Suppression.HARD_BOUNCE


def test_it_gives_up_after_the_last_attempt(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    delivery_engine.NEWSLETTERS_MAX_ATTEMPTS = 2
    reader = make_subscribers(send_newsletter, 1)[0]
    smtp_sink.inbox.softfail_once.add(reader.email)
    lifecycle.start_sending(send_issue)
    smtp_sink.inbox.softfail_once.add(reader.email)  # greylisted again on the retry

    drain(send_issue)

    row = Delivery.objects.get(issue=send_issue)
    assert row.status == Delivery.Status.FAILED and row.attempts == 2
    assert row.last_error.startswith("gave up")
    assert send_issue.status == Issue.Status.SENT
