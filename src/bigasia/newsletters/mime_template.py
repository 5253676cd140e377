"""The engine's fast path: an issue's MIME bytes built once, filled per subscriber.

Flattening a message with Python's `email` package (header encoding and folding, multipart
boundaries, the pure-Python quoted-printable encoder) costs milliseconds per message; the
engine's target is a thousand a second. So the issue's message is built once, through the
same `RenderedIssue` code that builds `message_for(subscriber)`, with ASCII markers in
place of everything personal: To, Message-ID, Date, the unsubscribe URL of
List-Unsubscribe, and each text part's whole body. The bytes are split at the markers once;
a subscriber's message is one join.

Why substitution stays valid: every text part is quoted-printable (`mime.prepare`), whose
encoder works line by line, so a part's body is encoded on its own: the subscriber's filled
text, encoded by binascii (`mime.quoted_printable_body`), is a body the email package would
decode to the same text. A marker standing for a whole body is ASCII without `=`, so it
comes through the encoding of the template unchanged. Header values filled are ASCII: the
address as Django's `sanitize_address` writes it (IDN domains in punycode), the Message-ID,
an RFC 5322 date, a URL.
"""

import html
import re
import secrets
import time
from dataclasses import dataclass
from email.utils import formatdate
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail.message import sanitize_address

from .mime import quoted_printable_body

if TYPE_CHECKING:
    from .mail import Recipient, RenderedIssue

_TEXT_MARKS = ("greeting", "unsubscribe", "preferences")
_MARKS = ("to", "msgid", "date", "unsubscribe", "body.text", "body.html")
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
            text_values={**dict.fromkeys(_TEXT_MARKS, ""), "unsubscribe": marks["unsubscribe"]},
            html_values=dict.fromkeys(_TEXT_MARKS, ""),
            date=marks["date"],
        )
        message.body = marks["body.text"]
        message.alternatives = []
        message.attach_alternative(marks["body.html"], "text/html")
        raw = message.message().as_bytes(linesep="\r\n")
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
        self.sender = sanitize_address(rendered.from_email, "utf-8")
        self._date = (0, "")

    def fill(self, subscriber: "Recipient", message_id: str) -> Wire:
        """The subscriber's bytes."""
        text = self.rendered.personal_values(subscriber)
        escaped = {name: html.escape(value) for name, value in text.items()}
        address = envelope_address(subscriber.email)
        filled = {
            "to": address.encode(),
            "msgid": message_id.encode(),
            "date": self._now().encode(),
            "unsubscribe": text["unsubscribe"].encode(),
            "body.text": quoted_printable_body(self.rendered.text.fill(text)),
            "body.html": quoted_printable_body(self.rendered.html.fill(escaped)),
        }
        parts = self.parts[:]
        # The odd places hold the names (str) of what goes there, the even ones bytes.
        parts[1::2] = [filled[name] for name in parts[1::2]]  # type: ignore[index]
        return Wire(message_id, self.sender, [address], b"".join(parts))  # type: ignore[arg-type]

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
