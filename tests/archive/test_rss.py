"""An RSS or Atom feed read into archive posts, from a file or over HTTP page by page."""

import threading
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from bigasia.archive.formats.rss import RssSource
from bigasia.archive.source import (
    PUBLISHED,
    BrokenItem,
    SourceAuthor,
    SourceImage,
    SourceTerm,
    SourceUnreadable,
)
from tests.http_fake import LocalHTTPServer, QuietHandler

pytestmark = pytest.mark.db_independent


def rss_item(number: int) -> str:
    return f"""<item>
<title>Новость {number}</title>
<link>https://old.example/2022/0{number}/novost-{number}/</link>
<dc:creator><![CDATA[Иван Петров]]></dc:creator>
<pubDate>Mon, 0{number} Aug 2022 09:00:00 +0300</pubDate>
<category><![CDATA[Экономика]]></category>
<category><![CDATA[ЕАЭС]]></category>
<guid isPermaLink="false">https://old.example/?p={100 + number}</guid>
<description><![CDATA[Кратко о новости {number}]]></description>
<content:encoded><![CDATA[<p>Текст новости {number}.</p><script>alert(1)</script>]]>
</content:encoded>
<enclosure url="https://old.example/wp-content/uploads/2022/08/n{number}.jpg" length="1"
 type="image/jpeg"/>
</item>"""


def rss(*numbers: int) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Старый сайт</title><link>https://old.example</link><language>ru-RU</language>
{"".join(rss_item(number) for number in numbers)}
</channel></rss>"""


def atom(page: int, next_href: str | None) -> str:
    next_link = f'<link rel="next" href="{next_href}"/>' if next_href else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Old site</title><id>urn:old</id><updated>2022-08-01T00:00:00Z</updated>{next_link}
<entry><title>Story {page}</title><id>urn:story:{page}</id>
<link href="https://old.example/story-{page}/"/>
<published>2022-08-0{page}T10:00:00Z</published><updated>2022-08-0{page}T12:00:00Z</updated>
<author><name>Jane Doe</name><email>jane@old.example</email></author>
<summary>Summary {page}</summary></entry>
</feed>"""


PAGES = {
    "/feed/": rss(1, 2),
    "/feed/?paged=2": rss(3, 4),
    "/atom/1.xml": atom(1, "/atom/2.xml"),
    "/atom/2.xml": atom(2, "3.xml"),
    "/atom/3.xml": atom(3, None),
    "/again/": rss(1, 2),
    "/again/?paged=2": rss(1, 2),
    "/failing/": rss(1),
}


class FeedHandler(QuietHandler):
    requested: list[str] = []
    lock = threading.Lock()

    def do_GET(self) -> None:
        with self.lock:
            self.requested.append(self.path)
        body = PAGES.get(self.path)
        if body is None:
            status = 500 if self.path.startswith("/failing/") else 404
            self.send_response(status)
            self.end_headers()
            return
        payload = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def old_site(settings):
    settings.FEEDS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FEEDS_TOTAL_TIMEOUT = 5
    FeedHandler.requested = []
    server = LocalHTTPServer(FeedHandler).start()
    yield server
    server.stop()


def test_an_item_keeps_its_fields(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(rss(1), encoding="utf-8")
    [item] = RssSource(path).posts()
    assert item.key == item.source_id == "https://old.example/?p=101"
    assert item.title == "Новость 1"
    assert item.slug == "novost-1"
    assert item.status == PUBLISHED
    assert item.published_at == datetime(2022, 8, 1, 6, 0, tzinfo=UTC)
    assert item.body_html == "<p>Текст новости 1.</p>"  # sanitised: the script is gone
    assert item.excerpt == "Кратко о новости 1"
    assert item.author == SourceAuthor("иван-петров", "", "Иван Петров")
    assert item.categories == [SourceTerm("экономика", "Экономика")]
    assert item.tags == [SourceTerm("еаэс", "ЕАЭС")]
    assert item.featured_image == SourceImage(
        "https://old.example/wp-content/uploads/2022/08/n1.jpg", path="2022/08/n1.jpg"
    )
    assert item.language == "ru"
    assert item.old_paths == ["/2022/01/novost-1/", "/?p=101"]


def test_wordpress_pages_are_followed_until_the_site_answers_404(old_site):
    source = RssSource(f"{old_site.base_url}/feed/", pages=5)
    titles = [item.title for item in source.posts()]
    assert titles == ["Новость 1", "Новость 2", "Новость 3", "Новость 4"]
    assert FeedHandler.requested == ["/feed/", "/feed/?paged=2", "/feed/?paged=3"]
    assert source.feed_paths() == ["/feed/"]


def test_rfc_5005_next_links_are_followed_up_to_the_pages_asked(old_site):
    items = list(RssSource(f"{old_site.base_url}/atom/1.xml", pages=2).posts())
    assert [item.title for item in items] == ["Story 1", "Story 2"]
    assert FeedHandler.requested == ["/atom/1.xml", "/atom/2.xml"]
    assert items[0].author == SourceAuthor("jane-doe", "jane@old.example", "Jane Doe")
    assert items[0].modified_at == datetime(2022, 8, 1, 12, 0, tzinfo=UTC)
    assert items[0].body_html == "Summary 1" and items[0].language == "en"
    assert items[0].old_paths == ["/story-1/"]


def test_a_page_with_nothing_new_ends_the_reading(old_site):
    items = list(RssSource(f"{old_site.base_url}/again/", pages=5).posts())
    assert len(items) == 2
    assert FeedHandler.requested == ["/again/", "/again/?paged=2"]


def test_a_later_page_that_fails_is_reported_and_ends_the_reading(old_site):
    items = list(RssSource(f"{old_site.base_url}/failing/", pages=3).posts())
    assert items[0].title == "Новость 1"
    assert isinstance(items[1], BrokenItem)
    assert items[1].key == "rss:page-2"
    assert "HTTP 500" in items[1].reason


def test_a_feed_url_that_fails_at_once_is_unreadable(old_site):
    with pytest.raises(SourceUnreadable, match="HTTP 404"):
        list(RssSource(f"{old_site.base_url}/nothing-here/").posts())


def test_a_private_address_is_refused_before_any_connection(old_site, settings):
    settings.FEEDS_ALLOWED_NETWORKS = []
    with pytest.raises(SourceUnreadable, match="refused addresses"):
        list(RssSource(f"{old_site.base_url}/feed/").posts())
    assert FeedHandler.requested == []
    assert urlsplit(old_site.base_url).hostname == "127.0.0.1"


def test_entity_tricks_are_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>'
        "<rss><channel><item><title>&a;</title></item></channel></rss>"
    )
    with pytest.raises(SourceUnreadable, match="unsafe XML"):
        list(RssSource(path).posts())


def test_a_file_over_the_feed_cap_is_refused(tmp_path, settings):
    settings.FEEDS_MAX_BYTES = 1024
    path = tmp_path / "feed.xml"
    path.write_text(rss(1, 2, 3), encoding="utf-8")
    with pytest.raises(SourceUnreadable, match="larger than FEEDS_MAX_BYTES"):
        list(RssSource(path).posts())
