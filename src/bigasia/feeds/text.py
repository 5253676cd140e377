"""Making outside text safe: plain text from feed HTML, http(s)-only links, sane encodings."""

import html
import re
from urllib.parse import urlsplit

import nh3
from charset_normalizer import from_bytes

_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")


def plain_text(value: str | None, max_length: int = 1000) -> str:
    """Feed HTML as plain text: tags dropped (script/style with their content), entities
    decoded once, whitespace collapsed. Templates escape it again when they show it."""
    if not value:
        return ""
    cleaned = nh3.clean(value, tags=set(), attributes={})
    text = _SPACES.sub(" ", html.unescape(cleaned)).strip()
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def safe_link(value: str | None) -> str:
    """The URL if it is absolute http(s), else empty: javascript:, data: and friends go."""
    if not value:
        return ""
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(char in value for char in "\r\n\t <>\"'"):
        return ""
    return value[:2000]


def declared_encoding(body: bytes, content_type: str) -> str:
    match = _XML_DECLARATION.match(body[:500])
    if match:
        return match.group(1).decode("ascii").lower()
    charset = re.search(r"charset=([A-Za-z0-9._-]+)", content_type or "", re.I)
    return charset.group(1).lower() if charset else "utf-8"


def as_utf8(body: bytes, content_type: str = "") -> bytes:
    """The body as UTF-8. A body that claims UTF-8 (or claims nothing) but is not valid
    UTF-8 — typically Windows-1251 from a misconfigured server — is decoded by the best
    guess instead of being rejected or turned into mojibake; the declaration is rewritten."""
    encoding = declared_encoding(body, content_type)
    if encoding.replace("_", "-") not in ("utf-8", "utf8"):
        return body  # a real non-UTF-8 declaration: the XML parser honours it
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    guess = from_bytes(body, cp_isolation=["cp1251", "koi8-r", "cp1252", "gb18030", "euc-kr"])
    best = guess.best()
    text = str(best) if best is not None else body.decode("cp1251", errors="replace")
    return text.encode("utf-8")
