"""The engine's pre-built bytes (bigasia.newsletters.mime_template) say what message_for() says."""

import email
import re
import socket
from email import policy

import dkim
import pytest
from django.core.mail.message import sanitize_address

from bigasia.newsletters import batch, lifecycle
from bigasia.newsletters import smtp as smtp_backend
from bigasia.newsletters.mail import render_issue
from bigasia.newsletters.mime_template import envelope_address
from tests.plugins.newsletter_delivery import drain

from . import factories

pytestmark = pytest.mark.django_db

# Headers a receiver reads; Date is the send time and differs by design.
HEADERS = (
    "From", "To", "Subject", "Message-ID", "MIME-Version", "List-Unsubscribe",
    "List-Unsubscribe-Post", "List-Id",
)  # fmt: skip


MANAGE = re.compile(r"/newsletters/manage/([^/]+)/")


def _parsed(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def _assert_same(fast: bytes, slow: bytes) -> None:
    fast_mime, slow_mime = _parsed(fast), _parsed(slow)
    for name in HEADERS:
        # Folding may differ (a long URL alone on a continuation line): same value unfolded.
        assert fast_mime[name].strip() == slow_mime[name].strip(), name
    assert fast_mime["Date"].datetime is not None
    assert fast_mime.get_content_type() == slow_mime.get_content_type() == "multipart/alternative"
    fast_parts = [p for p in fast_mime.walk() if not p.is_multipart()]
    slow_parts = [p for p in slow_mime.walk() if not p.is_multipart()]
    assert [p.get_content_type() for p in fast_parts] == ["text/plain", "text/html"]
    for fast_part, slow_part in zip(fast_parts, slow_parts, strict=True):
        assert fast_part.get_content_type() == slow_part.get_content_type()
        assert fast_part.get_content_charset() == slow_part.get_content_charset()
        assert fast_part["Content-Transfer-Encoding"] == slow_part["Content-Transfer-Encoding"]
        fast_text, slow_text = fast_part.get_content(), slow_part.get_content()
        assert MANAGE.search(slow_text) and fast_text == slow_text


@pytest.mark.parametrize(
    ("language", "address", "name"),
    [
        ("ru", "anna@example.org", "Анна <b> & «Ко»"),
        ("ru", "reader@пример.рф", "Пётр"),
        ("en", "ann@example.org", "Ann"),  # an ASCII issue and name
        ("en", "olga@example.org", "Ольга"),  # an ASCII issue, a non-ASCII name
        ("en", "anon@example.org", ""),
    ],
)
def test_it_builds_the_bytes_message_for_builds(language, address, name, settings):
    settings.NEWSLETTER_MESSAGE_ID_DOMAIN = "bigasia.test"
    letter = factories.newsletter(language)
    issue = factories.issue(letter, subject="Главное за день")
    reader = factories.subscriber(address, name=name, letters=[letter])
    rendered = render_issue(issue)

    wire = rendered.wire_for(reader)

    slow = rendered.message_for(reader).message().as_bytes(linesep="\r\n")
    _assert_same(wire.data, slow)
    assert wire.message_id == f"<issue-{issue.pk}.sub-{reader.pk}@bigasia.test>"
    assert wire.recipients == [_parsed(slow)["To"]]
    if "рф" in address:
        assert wire.recipients == ["reader@xn--e1afmkfd.xn--p1ai"]
    assert b"\r\n" in wire.data and b"\n" not in wire.data.replace(b"\r\n", b"")


def test_it_builds_a_name_past_the_line_limit_in_the_bytes_too():
    letter = factories.newsletter("ru")
    issue = factories.issue(letter)
    reader = factories.subscriber("long@example.org", letters=[letter])
    reader.name = "Я" * 600  # longer than the form and the column allow: only in memory
    rendered = render_issue(issue)

    # 600 Cyrillic letters are 1,200 bytes: quoted-printable keeps every line under 77.
    wire = rendered.wire_for(reader)

    slow = rendered.message_for(reader).message().as_bytes(linesep="\r\n")
    _assert_same(wire.data, slow)
    body = wire.data.split(b"\r\n\r\n", 1)[1]
    assert max(map(len, body.split(b"\r\n"))) <= 76


def test_it_sends_the_bytes_signed_through_the_engine(
    delivery_engine,
    smtp,
    _mail_server,
    dkim_key,
    settings,
):
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.smtp.EmailBackend"
    settings.EMAIL_PORT = _mail_server.port
    letter = factories.newsletter("ru")
    issue = factories.issue(letter)
    readers = [
        factories.subscriber("anna@example.org", name="Анна <b>", letters=[letter]),
        factories.subscriber("reader@пример.рф", name="Пётр", letters=[letter]),
    ]
    batch._rendered.clear()

    lifecycle.start_sending(issue)
    drain(issue)

    rendered = render_issue(issue)
    addresses = ["anna@example.org", "reader@xn--e1afmkfd.xn--p1ai"]
    for reader, address in zip(readers, addresses, strict=True):
        [received] = smtp.to(address)
        assert received.data.startswith(b"DKIM-Signature:")
        assert dkim.verify(received.data, dnsfunc=dkim_key.dns)
        slow = rendered.message_for(reader).message().as_bytes(linesep="\r\n")
        _assert_same(received.data, slow)


@pytest.mark.parametrize(
    "address",
    ["anna@example.org", "a.b+news@mail.example.org", "reader@пример.рф", "o'brien@example.org"],
)
def test_it_writes_addresses_as_django_does(address):
    assert envelope_address(address) == sanitize_address(address, "utf-8")


def test_it_sends_the_final_dot_without_waiting_for_an_ack(smtp, settings):
    """TCP_NODELAY: Nagle's algorithm held the small "." write for the server's delayed ACK."""
    backend = smtp_backend.EmailBackend(timeout=5)
    assert backend.open()
    try:
        nodelay = backend.connection.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert nodelay
    finally:
        backend.close()
