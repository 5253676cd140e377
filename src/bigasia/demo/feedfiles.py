"""The demo's shipped feed files (src/bigasia/demo/feeds/) and how they are loaded: through
the feed engine's own path for a local file (`bigasia feeds load-file`), after their dates are
brought forward so the newest item is about an hour old whenever the demo runs."""

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from django.conf import settings

from bigasia.feeds.models import FeedSource
from bigasia.feeds.polling import PollOutcome, load_body

FEEDS = Path(__file__).parent / "feeds"
# The files name their images under `make run`'s address; loading puts SITE_URL there.
WRITTEN_FOR = b"http://127.0.0.1:8000/media/"
# The files are written as of this moment; loading shifts them by the hours since.
WRITTEN_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

_RSS_DATE = re.compile(rb"(<pubDate>)([^<]+)(</pubDate>)")
_ISO_DATE = re.compile(
    rb'(<published>|<updated>|"firstcreated": "|"versioncreated": ")'
    rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"
)


def brought_forward(body: bytes, now: datetime) -> bytes:
    """The feed with every item date moved by the whole hours between WRITTEN_AT and now."""
    shift = timedelta(hours=(now - WRITTEN_AT) // timedelta(hours=1))

    def rss(match: re.Match) -> bytes:
        moved = parsedate_to_datetime(match[2].decode()) + shift
        return match[1] + format_datetime(moved).encode() + match[3]

    def iso(match: re.Match) -> bytes:
        moved = datetime.strptime(match[2].decode(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return match[1] + (moved + shift).strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    return _ISO_DATE.sub(iso, _RSS_DATE.sub(rss, body))


def load_feed_file(source: FeedSource, name: str, now: datetime) -> PollOutcome:
    media = (settings.SITE_URL.rstrip("/") + settings.MEDIA_URL).encode()
    body = (FEEDS / name).read_bytes().replace(WRITTEN_FOR, media)
    return load_body(source, brought_forward(body, now))
