"""Messages in the form relays leave alone: 7-bit bodies and a cleanly folded Subject.

A DKIM signature covers the body bytes. Django writes a utf-8 body as 8bit, and a relay
that cannot pass 8bit on converts it to quoted-printable or base64, which changes those
bytes and breaks the signature; RFC 6376 §5.3 advises encoding before signing. So every
text part we send is quoted-printable (readable in the raw for the ASCII markup and URLs;
lines never pass 76 characters).

Django folds a non-ASCII Subject by encoding it without the header's name, and the email
package then folds those encoded words again after `Subject: `: the first one no longer
fits, the header starts with an empty line, and `email.policy.default` reads the subject
with a leading space. The Subject is re-encoded knowing its name, so the first encoded
word shares the first line.
"""

import binascii
import re
from email import charset as email_charset
from email.header import Header, decode_header, make_header
from email.message import Message
from typing import Any

from django.core.mail import EmailMultiAlternatives

QUOTED_PRINTABLE = "quoted-printable"
_ENCODED_ALREADY = frozenset({QUOTED_PRINTABLE, "base64"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _quoted_printable_charset(name: str) -> email_charset.Charset:
    charset = email_charset.Charset(name)
    charset.body_encoding = email_charset.QP
    return charset


def prepare(mime: Message) -> Message:
    """Text parts quoted-printable and the Subject folded after its name, in place."""
    for part in mime.walk():
        if part.get_content_maintype() == "text" and not _is_encoded(part):
            _to_quoted_printable(part)
    _fold_subject(mime)
    return mime


def quoted_printable_body(text: str) -> bytes:
    """`text` as a quoted-printable utf-8 body with CRLF lines, as `prepare` writes it.

    binascii does in microseconds what the email package's pure-Python encoder does in
    milliseconds; the delivery engine's fast path (wire.py) encodes every message with it.
    """
    data = _LINE_BREAK.sub("\r\n", text).encode()
    return binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)


class PreparedEmail(EmailMultiAlternatives):
    """An EmailMultiAlternatives whose MIME is already `prepare`d."""

    def message(self, *args: Any, **kwargs: Any) -> Message:
        return prepare(super().message(*args, **kwargs))


def _is_encoded(part: Message) -> bool:
    return part.get("Content-Transfer-Encoding", "").lower() in _ENCODED_ALREADY


def _to_quoted_printable(part: Message) -> None:
    charset = part.get_content_charset() or "us-ascii"
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)  # a single part's payload, decoded
    text = payload.decode(charset)
    del part["Content-Transfer-Encoding"]
    # us-ascii is a subset of utf-8: the part then says utf-8, which reads the same.
    part.set_payload(text, _quoted_printable_charset("utf-8" if charset == "us-ascii" else charset))


def _fold_subject(mime: Message) -> None:
    value = mime["Subject"]
    if value is None or isinstance(value, Header):
        return
    chunks = decode_header(value)
    if all(charset is None for _text, charset in chunks):
        return  # plain ASCII: folded at spaces, which read back unchanged
    text = str(make_header(chunks))
    # The email package takes a Header wherever a value goes; typeshed says str.
    mime.replace_header("Subject", Header(text, "utf-8", header_name="Subject"))  # type: ignore[arg-type]
