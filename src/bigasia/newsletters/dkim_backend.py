"""The email backend every message goes through: DKIM-sign, then hand to the transport.

settings.EMAIL_BACKEND is always `DKIMSigningBackend`; the real transport is
settings.EMAIL_TRANSPORT (SMTP by default, any Django or anymail backend by dotted path).
With DKIM_DOMAIN/DKIM_SELECTOR/DKIM_PRIVATE_KEY unset, or with an anymail (API) transport
— ESPs sign with their own keys and never see our MIME bytes — messages pass unchanged.

Signing works on the exact bytes that will go on the wire: text parts are made
quoted-printable first (`mime.prepare`, RFC 6376 §5.3), then the MIME tree is flattened
once (which fixes its multipart boundary), signed, and the transport receives a message
whose `message().as_bytes()` returns those bytes with the DKIM-Signature on top.
"""

from collections.abc import Sequence
from email.message import Message
from typing import Any

import dkim
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from bigasia.core.providers import provider_class

from .mime import prepare

# Relaxed canonicalisation survives the re-folding of headers some relays do.
SIGNED_HEADERS = (
    b"From", b"To", b"Subject", b"Date", b"Message-ID", b"MIME-Version", b"Content-Type",
    b"List-Unsubscribe", b"List-Unsubscribe-Post", b"List-Id",
)  # fmt: skip


def dkim_enabled() -> bool:
    return bool(settings.DKIM_PRIVATE_KEY)


def signed_bytes_of(mime: Message) -> bytes:
    """Flattened after `mime.prepare`: a relay has no 8bit body to convert under the signature."""
    # Django's SafeMIME classes take linesep; typeshed's Message does not.
    return signed_raw(prepare(mime).as_bytes(linesep="\r\n"))  # type: ignore[call-arg]


def signed_raw(raw: bytes) -> bytes:
    """CRLF message bytes with a DKIM-Signature on top when DKIM is configured."""
    return dkim_signature(raw) + raw if dkim_enabled() else raw


def dkim_signature(raw: bytes) -> bytes:
    """The `DKIM-Signature: …\\r\\n` header line(s) for these exact bytes."""
    present = {
        line.split(b":", 1)[0].strip().lower()
        for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        if line[:1] not in (b" ", b"\t")
    }
    headers = [name for name in SIGNED_HEADERS if name.lower() in present]
    assert settings.DKIM_SELECTOR and settings.DKIM_DOMAIN  # the settings set all three or none
    signature: bytes = dkim.sign(  # dkim ships no types
        raw,
        settings.DKIM_SELECTOR.encode(),
        settings.DKIM_DOMAIN.encode(),
        settings.DKIM_PRIVATE_KEY,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=headers,
        linesep=b"\r\n",
    )
    return signature


class _FrozenMIME:
    """A flattened message: as_bytes() gives the signed bytes, anything else the original."""

    def __init__(self, mime: Message, data: bytes) -> None:
        self._mime = mime
        self._data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self._data if linesep == "\r\n" else self._data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def __getitem__(self, name: str) -> Any:
        return self._mime[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._mime, name)


class SignedEmail:
    """Stands in for an EmailMessage: the same attributes, a message() frozen and signed."""

    def __init__(self, original: EmailMessage) -> None:
        self._original = original
        mime = original.message()
        self._frozen = _FrozenMIME(mime, signed_bytes_of(mime))

    def message(self) -> _FrozenMIME:
        return self._frozen

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._original, name)


class DKIMSigningBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)
        transport = provider_class(settings.EMAIL_TRANSPORT, BaseEmailBackend, "EMAIL_TRANSPORT")
        self.transport = transport(fail_silently=fail_silently, **kwargs)
        # An API transport (anymail) builds its own request from the message's fields.
        self.signs = dkim_enabled() and not _is_anymail(self.transport)

    def open(self) -> bool | None:
        return self.transport.open()

    def close(self) -> None:
        self.transport.close()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        if self.signs:
            # SignedEmail stands in for an EmailMessage (the attributes a backend reads).
            email_messages = [SignedEmail(message) for message in email_messages]  # type: ignore[misc]
        return self.transport.send_messages(email_messages)


def _is_anymail(backend: BaseEmailBackend) -> bool:
    return type(backend).__module__.startswith("anymail.")
