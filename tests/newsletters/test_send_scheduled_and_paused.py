"""A scheduled issue is started by the periodic sweep when due; a paused send claims nothing
until it is resumed (the admin's buttons)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bigasia.newsletters import lifecycle
from bigasia.newsletters.models import Delivery, Issue
from tests.newsletters.factories import make_subscribers


def test_it_starts_a_scheduled_issue_when_it_is_due(
    delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 4)
    send_issue.status = Issue.Status.SCHEDULED
    send_issue.scheduled_at = timezone.now() + timedelta(hours=1)
    send_issue.save()

    lifecycle.tend()
    assert not Delivery.objects.filter(issue=send_issue).exists()

    Issue.objects.filter(pk=send_issue.pk).update(scheduled_at=timezone.now())
    lifecycle.tend()

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    assert sorted(smtp_sink.inbox.per_recipient()) == sorted(r.email for r in readers)


def test_it_pauses_and_resumes_from_the_admin(
    admin_client, delivery_engine, smtp_sink, send_issue, send_newsletter
):
    readers = make_subscribers(send_newsletter, 6)
    smtp_sink.stop()
    lifecycle.start_sending(send_issue)  # rows created, the server is down
    pause = reverse("newsletters_send_pause", args=[send_issue.pk])
    resume = reverse("newsletters_send_resume", args=[send_issue.pk])

    assert admin_client.post(pause).status_code == 302
    smtp_sink.start()
    Issue.objects.filter(pk=send_issue.pk).update(outage_until=None)
    lifecycle.tend()
    assert smtp_sink.inbox.recipients == []  # paused: nothing claimed
    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.PAUSED

    assert admin_client.post(resume).status_code == 302

    send_issue.refresh_from_db()
    assert send_issue.status == Issue.Status.SENT
    assert sorted(smtp_sink.inbox.per_recipient()) == sorted(r.email for r in readers)
