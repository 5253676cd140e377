"""Polls never overlap on one source, at most two talk to a host, failures back off to a day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from bigasia.feeds import leases
from bigasia.feeds.models import FeedSource
from bigasia.feeds.parsers import parser_for
from bigasia.feeds.polling import backoff_seconds, poll_source
from bigasia.feeds.tasks import due_source_ids

pytestmark = pytest.mark.django_db


def test_it_lets_only_one_worker_hold_a_source(make_source):
    source = make_source("/partner.xml")
    token = leases.claim_source(source.pk)
    assert token is not None
    assert leases.claim_source(source.pk) is None
    assert poll_source(source.pk).status == "busy"
    assert source.pk not in due_source_ids()
    leases.release_source(source.pk, token)
    assert leases.claim_source(source.pk) is not None


def test_it_takes_over_a_lease_whose_worker_died(make_source):
    source = make_source("/partner.xml")
    leases.claim_source(source.pk)
    FeedSource.objects.filter(pk=source.pk).update(lease_until=timezone.now() - timedelta(1))
    assert leases.claim_source(source.pk) is not None


def test_it_allows_at_most_two_polls_per_host(make_source):
    first = leases.claim_host_slot("partner.example")
    second = leases.claim_host_slot("partner.example")
    assert first and second and first[0] != second[0]
    assert leases.claim_host_slot("partner.example") is None
    assert leases.claim_host_slot("other.example") is not None
    source = make_source("/partner.xml")
    FeedSource.objects.filter(pk=source.pk).update(url="http://partner.example/rss")
    assert poll_source(source.pk).status == "host-busy"
    leases.release_host_slot("partner.example", *first)
    assert leases.claim_host_slot("partner.example") is not None


def test_it_backs_off_exponentially_up_to_a_day():
    assert backoff_seconds(900, 0, None) == 900
    assert backoff_seconds(900, 3, None) == 7200
    assert backoff_seconds(900, 30, None) == 86400
    assert backoff_seconds(60, 0, 600) == 600
    assert backoff_seconds(60, 0, 10**9) == 86400


def test_it_polls_once_from_the_command_with_a_progress_bar(make_source):
    make_source("/partner.xml")
    make_source("/atom.xml", language="en")
    out = StringIO()
    call_command("feeds", "poll", "--all", stdout=out)
    assert "[" in out.getvalue() and "2/2" in out.getvalue()
    assert "ok: 2" in out.getvalue()
    assert FeedSource.objects.filter(status=FeedSource.Status.OK).count() == 2


def test_it_rejects_a_bad_parser_path(settings):
    settings.FEEDS_PARSERS = {"rss": "bigasia.feeds.parsers.nowhere.Parser"}
    with pytest.raises(ImproperlyConfigured) as error:
        parser_for("rss")
    assert isinstance(error.value.__cause__, ImportError)


def test_it_reads_retry_after_as_seconds_or_a_date():
    from email.utils import format_datetime

    from bigasia.feeds.fetch import retry_after_seconds

    assert retry_after_seconds({"retry-after": "120"}) == 120
    later = format_datetime(timezone.now() + timedelta(hours=1), usegmt=True)
    assert 3500 <= retry_after_seconds({"retry-after": later}) <= 3600
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None
