"""The engine's fast path: an issue's MIME bytes built once, filled per subscriber.

Flattening a message with Python's `email` package (header encoding and folding, multipart
boundaries) costs milliseconds per message; the engine's target is a thousand a second. So
the issue's message is built once, through the same `RenderedIssue` code that builds
`message_for(subscriber)`, with ASCII markers in place of everything personal: To,
Message-ID, Date, the greeting, the unsubscribe and preferences URLs. The bytes are split at
the markers once; a subscriber's message is one join.

Why substitution stays valid: Django encodes a utf-8 body as 8bit (or 7bit when ASCII),
never base64 or quoted-printable, unless a line exceeds 998 bytes. In 8bit, the filled
value is the encoded text itself, so replacing a marker with the UTF-8 bytes of a name is
what the encoder would have written. The part's 7bit label becomes 8bit when the filled
greeting is not ASCII (as Django would label it). Any case that would change the encoding
— a template already in quoted-printable, or a line pushed past 998 bytes by a long name —
returns None and the engine uses `message_for()` for that message. Header values filled are
ASCII: the address as Django's `sanitize_address` writes it (IDN domains in punycode), the
Message-ID, an RFC 5322 date, URLs. The name appears only in the bodies.
"""

import html
import re
import secrets
import time
from dataclasses import dataclass
from email.utils import formatdate
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, sanitize_address

if TYPE_CHECKING:
    from .mail import Recipient, RenderedIssue

_TEXT_MARKS = ("greeting", "unsubscribe", "preferences")
_MARKS = ("to", "msgid", "date", "cte", *_TEXT_MARKS, *(f"{name}.html" for name in _TEXT_MARKS))
_BODY_MARKS = frozenset({*_TEXT_MARKS, *(f"{name}.html" for name in _TEXT_MARKS)})
_LINE = re.compile(rb"[^\r\n]*")
# An ASCII dot-atom address, which Django's sanitize_address returns unchanged; parsing it
# with the email package would be a third of the message's cost.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True)
class Wire:
    """One subscriber's message as it goes on the wire (CRLF lines, not yet DKIM-signed)."""

    message_id: str
    sender: str
    recipients: list[str]
    data: bytes


class WireTemplate:
    """The issue's message as bytes: literal chunks and marker names, alternating."""

    def __init__(self, rendered: "RenderedIssue") -> None:
        self.rendered = rendered
        prefix = f"BAWIRE{secrets.token_hex(6)}x"
        marks = {name: f"{prefix}{name.replace('.', 'h')}" for name in _MARKS}
        marks["to"] += "@wire.invalid"  # Django parses the To address: it must be one
        message = rendered.build_email(
            to=marks["to"],
            msgid=marks["msgid"],
            subject=rendered.subject,
            text_values={name: marks[name] for name in _TEXT_MARKS},
            html_values={name: marks[f"{name}.html"] for name in _TEXT_MARKS},
            date=marks["date"],
        )
        raw = message.message().as_bytes(linesep="\r\n")
        raw = raw.replace(
            b"Content-Transfer-Encoding: 7bit",
            f"Content-Transfer-Encoding: {marks['cte']}".encode(),
        )
        self.usable = (
            b"Content-Transfer-Encoding: quoted-printable" not in raw
            and b"Content-Transfer-Encoding: base64" not in raw
        )
        by_mark = {value.encode(): name for name, value in marks.items()}
        pattern = re.compile(
            b"|".join(re.escape(value) for value in sorted(by_mark, key=len, reverse=True))
        )
        self.parts: list[bytes | str] = []
        position = 0
        for found in pattern.finditer(raw):
            self.parts += [raw[position : found.start()], by_mark[found.group()]]
            position = found.end()
        self.parts.append(raw[position:])
        self.room = RFC5322_EMAIL_LINE_LENGTH_LIMIT - _longest_marked_line(raw, pattern)
        self.sender = sanitize_address(rendered.from_email, "utf-8")
        self._date = (0, "")

    def fill(self, subscriber: "Recipient", message_id: str) -> Wire | None:
        """The subscriber's bytes, or None where only the email package can encode them."""
        if not self.usable:
            return None
        values = self._values(subscriber)
        body_bytes = {name: values[name].encode() for name in _BODY_MARKS}
        if sum(map(len, body_bytes.values())) > self.room:
            return None  # a line could pass 998 bytes: Django would switch to quoted-printable
        address = envelope_address(subscriber.email)
        ascii_only = body_bytes["greeting"].isascii()
        filled = {
            **body_bytes,
            "to": address.encode(),
            "msgid": message_id.encode(),
            "date": self._now().encode(),
            "cte": b"7bit" if ascii_only else b"8bit",
        }
        parts = self.parts[:]
        parts[1::2] = [filled[name] for name in parts[1::2]]
        return Wire(message_id, self.sender, [address], b"".join(parts))

    def _values(self, subscriber: "Recipient") -> dict[str, str]:
        rendered = self.rendered
        text = rendered.personal_values(subscriber)
        return {**text, **{f"{name}.html": html.escape(value) for name, value in text.items()}}

    def _now(self) -> str:
        """Date header, formatted once a second (formatdate is slow enough to notice)."""
        second = int(time.time())
        if self._date[0] != second:
            self._date = (second, formatdate(second, localtime=settings.EMAIL_USE_LOCALTIME))
        return self._date[1]


def envelope_address(address: str) -> str:
    """The address as Django writes it in To and RCPT (IDN domains in punycode)."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, "utf-8")


def _longest_marked_line(raw: bytes, pattern: re.Pattern) -> int:
    """The longest body line holding a marker, markers left out."""
    body = raw.split(b"\r\n\r\n", 1)[-1]
    longest = 0
    for line in _LINE.findall(body):
        if pattern.search(line):
            longest = max(longest, len(pattern.sub(b"", line)))
    return longest
