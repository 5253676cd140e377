"""The fields of one WXR element, read once into plain values (repairs noted per field)."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from .repair import unmarked
from .wxr_stream import prefixed_name

_NO_DATE = "0000-00-00 00:00:00"
# `_wp_attachment_metadata` is PHP-serialised; its image_meta keeps the IPTC credit.
_CREDIT = re.compile(r's:6:"credit";s:(\d+):"')
_COPYRIGHT = re.compile(r's:9:"copyright";s:(\d+):"')


@dataclass(frozen=True)
class Term:
    """A `<category>` of an item: its taxonomy (`domain`), slug (`nicename`) and name."""

    domain: str
    nicename: str
    name: str


@dataclass
class Fields:
    """An element's children by prefixed name (the first of each), its categories, its
    postmeta, and the names of the fields whose text had to be repaired."""

    values: dict[str, str] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    repaired: set[str] = field(default_factory=set)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def date(self, name: str) -> datetime | None:
        """A `YYYY-MM-DD HH:MM:SS` field as a naive datetime; None when empty, zero or junk."""
        return parse_date(self.get(name))

    def utc_date(self, name: str) -> datetime | None:
        moment = self.date(name)
        return moment.replace(tzinfo=UTC) if moment else None


def parse_date(value: str) -> datetime | None:
    """WordPress's `YYYY-MM-DD HH:MM:SS` (ISO 8601 with a space) as a naive datetime."""
    if not value or value == _NO_DATE:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def post_type(item: etree._Element) -> str:
    return (item.findtext("{*}post_type") or "").strip()


def is_post(item: etree._Element) -> bool:
    return post_type(item) == "post"


def read_fields(element: etree._Element) -> Fields:
    fields = Fields()
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction inside the item
        name = prefixed_name(child.tag)
        if name == "category":
            fields.terms.append(_term(child, fields))
        elif name == "wp:postmeta":
            key = _text(child.find("{*}meta_key"), fields, name)
            fields.meta.setdefault(key.strip(), _text(child.find("{*}meta_value"), fields, name))
        elif name not in fields.values:
            fields.values[name] = _text(child, fields, name).strip()
    return fields


def _term(element: etree._Element, fields: Fields) -> Term:
    name = _text(element, fields, "category").strip()
    nicename, repaired = unmarked(element.get("nicename", ""))
    if repaired:
        fields.repaired.add("category")
    return Term(element.get("domain", ""), nicename.strip(), name)


def _text(element: etree._Element | None, fields: Fields, name: str) -> str:
    if element is None:
        return ""
    text, repaired = unmarked(element.text or "")
    if repaired:
        fields.repaired.add(name)
    return text


def image_credit(attachment_metadata: str) -> str:
    """The credit (else the copyright) in an attachment's serialised image metadata."""
    for pattern in (_CREDIT, _COPYRIGHT):
        match = pattern.search(attachment_metadata)
        if match:
            # PHP counts bytes, not characters.
            start = match.end()
            raw = attachment_metadata.encode("utf-8")
            offset = len(attachment_metadata[:start].encode("utf-8"))
            value = raw[offset : offset + int(match.group(1))].decode("utf-8", errors="ignore")
            if value.strip():
                return value.strip()
    return ""
