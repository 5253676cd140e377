from dataclasses import dataclass
from datetime import datetime

from ..errors import FetchError


@dataclass
class ParsedItem:
    """One story from a feed, already safe: plain text and http(s) links only."""

    guid: str
    link: str
    title: str
    summary: str = ""
    body: str = ""
    image_url: str = ""
    published_at: datetime | None = None


class FeedParser:
    """Turns a fetched body into ParsedItems; raise FetchError("parse", …) on junk."""

    max_items = 200

    def parse(self, body: bytes, content_type: str = "") -> list[ParsedItem]:
        raise NotImplementedError

    @staticmethod
    def fail(detail: str) -> FetchError:
        return FetchError("parse", detail)
