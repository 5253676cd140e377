"""RSS 0.91 and RSS 1.0 (RDF) read like RSS 2.0 and Atom: items with safe text and links."""

import pytest

from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.feeds.polling import poll_source
from tests.plugins.feed_server import send_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "title", "link"),
    [
        (
            "partner_rss091.xml",
            "Монголия запустила новую ветку железной дороги",
            "http://old-partner.example/news/1",
        ),
        (
            "partner_rss10.xml",
            "Vietnam and Laos sign a power-line deal",
            "http://rdf-partner.example/news/7",
        ),
    ],
)
def test_it_reads_rss_091_and_rss_10(feed_server, make_source, name, title, link):
    feed_server.routes["/" + name] = send_file(name)
    source = make_source("/" + name)
    assert poll_source(source.pk).status == FeedSource.Status.OK
    item = FeedItem.objects.get(source=source)
    assert (item.title, item.link, item.guid) == (title, link, link)
    assert item.summary
