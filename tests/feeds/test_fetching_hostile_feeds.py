"""Every misbehaving feed ends with the right status on its source, and nothing else breaks."""

from datetime import timedelta

import pytest
import urllib3.util.connection
from django.utils import timezone

from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.feeds.polling import poll_source

pytestmark = pytest.mark.django_db


def poll(source: FeedSource) -> FeedSource:
    poll_source(source.pk)
    return FeedSource.objects.get(pk=source.pk)


def test_it_reads_a_valid_rss_feed_and_stores_safe_plain_text(make_source):
    source = poll(make_source("/partner.xml"))
    assert source.status == FeedSource.Status.OK
    assert source.etag == '"v1"'
    items = {item.guid: item for item in FeedItem.objects.filter(source=source)}
    assert set(items) == {"partner-1", "partner-2"}  # the duplicate GUID is stored once
    first = items["partner-1"]
    assert first.title == "Казахстан и Китай открыли новый железнодорожный переход"
    assert "alert" not in first.summary and "<" not in first.summary
    assert first.image_url == "http://partner.example/img/1.jpg"
    hostile = items["partner-2"]
    assert "<" not in hostile.title and "alert" not in hostile.title
    assert hostile.link == ""  # javascript: is not a link


def test_it_reads_atom(make_source):
    source = poll(make_source("/atom.xml", language="en"))
    assert source.status == FeedSource.Status.OK
    titles = sorted(FeedItem.objects.filter(source=source).values_list("title", flat=True))
    assert titles == [
        "India opens a new consulate in Almaty",
        "Japan and Korea agree on shipping corridor",
    ]


def test_it_sends_conditional_get_and_a_user_agent_on_repeat(make_source, feed_server, settings):
    source = poll(make_source("/partner.xml"))
    FeedSource.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    source = poll(source)
    assert source.status == FeedSource.Status.NOT_MODIFIED
    last_headers = feed_server.requests[-1][1]
    assert last_headers["If-None-Match"] == '"v1"'
    assert last_headers["User-Agent"] == settings.FEEDS_USER_AGENT


@pytest.mark.parametrize("path", ["/laughs.xml", "/xxe.xml"])
def test_it_refuses_entity_tricks(make_source, path):
    source = poll(make_source(path))
    assert source.status == FeedSource.Status.ERROR
    assert "unsafe XML" in source.last_error
    assert not FeedItem.objects.filter(source=source).exists()


def test_it_stops_reading_a_fifty_megabyte_body_at_the_cap(make_source):
    source = poll(make_source("/huge.xml"))
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith("too-large")


def test_it_gives_up_on_a_body_that_never_ends(make_source):
    started = timezone.now()
    source = poll(make_source("/drip.xml"))
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith(("too-slow", "timeout"))
    assert timezone.now() - started < timedelta(seconds=6)


def test_it_backs_off_on_500_honours_retry_after_then_accepts_304(make_source):
    source = poll(make_source("/flaky.xml", poll_interval=60))
    assert source.status == FeedSource.Status.ERROR
    assert source.failure_count == 1
    assert source.next_poll_at >= timezone.now() + timedelta(seconds=590)  # Retry-After: 600
    source = poll(source)
    assert source.status == FeedSource.Status.NOT_MODIFIED
    assert source.failure_count == 0 and source.last_success_at is not None


@pytest.mark.parametrize("path", ["/to-private.xml", "/to-metadata.xml"])
def test_it_refuses_a_redirect_to_a_private_address_before_connecting(
    make_source, monkeypatch, path
):
    connected = []
    real = urllib3.util.connection.create_connection

    def recording(address, *args, **kwargs):
        connected.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.connection.connection, "create_connection", recording)
    source = poll(make_source(path))
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith("unsafe-address")
    assert connected and set(connected) == {"127.0.0.1"}


def test_it_follows_a_safe_redirect(make_source):
    source = poll(make_source("/to-partner.xml"))
    assert source.status == FeedSource.Status.OK
    assert FeedItem.objects.filter(source=source).count() == 2


def test_it_stops_after_five_redirects(make_source, feed_server):
    source = poll(make_source("/loop.xml"))
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith("too-many-redirects")
    assert feed_server.hits["/loop.xml"] == 6


def test_it_refuses_loopback_unless_allow_listed(make_source, settings):
    settings.FEEDS_ALLOWED_NETWORKS = []
    source = poll(make_source("/partner.xml"))
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith("unsafe-address")


def test_it_decodes_windows_1251_declared_as_utf8(make_source):
    source = poll(make_source("/cp1251.xml"))
    assert source.status == FeedSource.Status.OK
    item = FeedItem.objects.get(source=source)
    assert item.title == "Узбекистан и Россия подписали соглашение о поставках газа"


def test_it_reads_ninjs(make_source):
    source = poll(make_source("/agency.json", feed_format="ninjs", kind="wire", language="en"))
    assert source.status == FeedSource.Status.OK
    item = FeedItem.objects.get(source=source, guid="http://agency.example/ninjs/100")
    assert item.title == "Kyrgyzstan raises grain harvest estimate"
    assert item.image_url == "http://agency.example/p/100.jpg"
    assert FeedItem.objects.get(source=source, guid="urn:agency:101").link == ""


def test_it_keeps_other_feeds_working_when_one_is_hostile(make_source):
    from bigasia.feeds.tasks import enqueue_due_feeds

    good = make_source("/partner.xml")
    for path in ["/laughs.xml", "/xxe.xml", "/huge.xml", "/to-private.xml", "/flaky.xml"]:
        make_source(path)
    enqueue_due_feeds.call()
    assert FeedSource.objects.get(pk=good.pk).status == FeedSource.Status.OK
    assert FeedSource.objects.filter(status=FeedSource.Status.ERROR).count() == 5
