"""RSS 0.9x/1.0/2.0 and Atom through feedparser, behind a defusedxml gate.

feedparser is lenient and was not written for hostile input, so the body first goes
through defusedxml: any entity declaration (billion laughs) or external reference
(XXE) refuses the whole feed before feedparser sees it.
"""

import calendar
import re
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..text import as_utf8, plain_text, safe_link
from .base import FeedParser, ParsedItem

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


class RSSParser(FeedParser):
    def parse(self, body: bytes, content_type: str = "") -> list[ParsedItem]:
        body = as_utf8(body, content_type)
        self._refuse_hostile_xml(body)
        parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
        if not parsed.entries and parsed.bozo and not parsed.feed:
            raise self.fail(f"not a feed: {parsed.get('bozo_exception')}")
        items = [self._item(entry) for entry in parsed.entries[: self.max_items]]
        return [item for item in items if item is not None]

    def _refuse_hostile_xml(self, body: bytes) -> None:
        try:
            fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        except DefusedXmlException as exc:
            raise self.fail(f"refused unsafe XML: {type(exc).__name__}") from exc
        except ParseError as exc:
            # Malformed but maybe readable by feedparser's loose mode; that mode must still
            # never meet an entity declaration.
            if _ENTITY_DECLARATION.search(body):
                raise self.fail("refused unsafe XML: entity declaration") from exc

    def _item(self, entry) -> ParsedItem | None:
        link = safe_link(entry.get("link"))
        guid = (entry.get("id") or link or "").strip()[:1000]
        title = plain_text(entry.get("title"), 500)
        if not guid or not title:
            return None
        content = entry.get("content") or []
        body = plain_text(content[0].get("value") if content else "", 20000)
        return ParsedItem(
            guid=guid,
            link=link,
            title=title,
            summary=plain_text(entry.get("summary"), 1000),
            body=body,
            image_url=_image(entry),
            published_at=_when(entry),
        )


def _when(entry) -> datetime | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)


def _image(entry) -> str:
    candidates = [m.get("url") for m in entry.get("media_content", [])]
    candidates += [m.get("url") for m in entry.get("media_thumbnail", [])]
    candidates += [
        link.get("href")
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")
    ]
    for candidate in candidates:
        url = safe_link(candidate)
        if url:
            return url
    return ""
