"""RSS 0.9x/1.0/2.0 and Atom through feedparser, behind a defusedxml gate.

feedparser is lenient and was not written for hostile input, so the body first goes
through defusedxml: any entity declaration (billion laughs) or external reference
(XXE) refuses the whole feed before feedparser sees it.
"""

import calendar
import re
import time
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import FetchError
from ..text import as_utf8, plain_text, safe_link
from .base import FeedParser, ParsedItem

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


class RSSParser(FeedParser):
    def parse(self, body: bytes, content_type: str = "") -> list[ParsedItem]:
        parsed = parse_safely(body, content_type)
        items = [self._item(entry) for entry in parsed.entries[: self.max_items]]
        return [item for item in items if item is not None]

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
            image_url=entry_image(entry),
            published_at=entry_time(entry),
        )


def parse_safely(body: bytes, content_type: str = "") -> feedparser.FeedParserDict:
    """The feed parsed by feedparser (HTML sanitised) once it passed the defusedxml gate;
    FetchError("parse", …) for unsafe XML or for a body that is no feed at all."""
    body = as_utf8(body, content_type)
    _refuse_hostile_xml(body)
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries and parsed.bozo and not parsed.feed:
        raise FetchError("parse", f"not a feed: {parsed.get('bozo_exception')}")
    return parsed


def _refuse_hostile_xml(body: bytes) -> None:
    try:
        fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FetchError("parse", f"refused unsafe XML: {type(exc).__name__}") from exc
    except ParseError as exc:
        # Malformed but maybe readable by feedparser's loose mode; that mode must still
        # never meet an entity declaration.
        if _ENTITY_DECLARATION.search(body):
            raise FetchError("parse", "refused unsafe XML: entity declaration") from exc


def entry_time(entry) -> datetime | None:
    """When a feedparser entry was published (else updated), in UTC."""
    return utc_time(entry.get("published_parsed") or entry.get("updated_parsed"))


def utc_time(moment: time.struct_time | None) -> datetime | None:
    """One of feedparser's parsed times (a UTC struct_time) as an aware datetime."""
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)


def entry_image(entry) -> str:
    """The first safe image URL of a feedparser entry (media:content, media:thumbnail, an
    image enclosure); "" when it has none."""
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
