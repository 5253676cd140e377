"""ninjs (IPTC's JSON news format), as agencies deliver it: one item, a list, or {"items": …}."""

import json
from datetime import datetime

from ..text import plain_text, safe_link
from .base import FeedParser, ParsedItem


class NinjsParser(FeedParser):
    def parse(self, body: bytes, content_type: str = "") -> list[ParsedItem]:
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise self.fail(f"not JSON: {exc}") from exc
        if isinstance(document, dict):
            document = document.get("items", [document])
        if not isinstance(document, list):
            raise self.fail("ninjs must be an object or a list of objects")
        items = [self._item(raw) for raw in document[: self.max_items] if isinstance(raw, dict)]
        return [item for item in items if item is not None]

    def _item(self, raw: dict) -> ParsedItem | None:
        uri = str(raw.get("uri") or raw.get("guid") or "").strip()[:1000]
        title = plain_text(_text(raw.get("headline")), 500)
        if not uri or not title:
            return None
        body = _text(raw.get("body_text")) or _text(raw.get("body_html"))
        return ParsedItem(
            guid=uri,
            link=safe_link(uri) or _canonical_link(raw),
            title=title,
            summary=plain_text(_text(raw.get("description_text")) or body, 1000),
            body=plain_text(body, 20000),
            image_url=_image(raw),
            published_at=_when(raw.get("firstcreated") or raw.get("versioncreated")),
        )


def _text(value) -> str:
    if isinstance(value, list):  # ninjs 2 allows [{"value": …, "contenttype": …}]
        value = value[0].get("value", "") if value and isinstance(value[0], dict) else ""
    return value if isinstance(value, str) else ""


def _canonical_link(raw: dict) -> str:
    for link in raw.get("links") or []:
        if isinstance(link, dict) and link.get("rel") in ("canonical", "self", None):
            url = safe_link(link.get("href"))
            if url:
                return url
    return ""


def _image(raw: dict) -> str:
    associations = raw.get("associations") or {}
    if not isinstance(associations, dict):
        return ""
    for association in associations.values():
        if isinstance(association, dict) and association.get("type") == "picture":
            renditions = association.get("renditions") or {}
            for rendition in renditions.values() if isinstance(renditions, dict) else []:
                url = safe_link(rendition.get("href") if isinstance(rendition, dict) else "")
                if url:
                    return url
    return ""


def _when(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
