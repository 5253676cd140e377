"""`bigasia mail dns` prints the record receivers verify our signatures against."""

import io
import re

import dkim
import pytest
from django.core.mail import get_connection
from django.core.management import CommandError, call_command

from bigasia.newsletters.mail import render_issue

from . import factories
from .conftest import DKIM_DOMAIN, DKIM_SELECTOR

pytestmark = pytest.mark.django_db


def _printed() -> str:
    out = io.StringIO()
    call_command("mail", "dns", stdout=out)
    return out.getvalue()


def _txt(printed: str, name: str) -> bytes:
    """The record's value as a resolver returns it: its character-strings joined."""
    [line] = [line for line in printed.splitlines() if line.startswith(f"{name} IN TXT ")]
    strings = re.findall(r'"([^"]*)"', line)
    assert all(len(string) <= 255 for string in strings)
    return "".join(strings).encode()


def test_it_prints_the_record_that_verifies_our_signature(smtp, dkim_key):
    letter = factories.newsletter("ru")
    reader = factories.subscriber("anna@example.org", letters=[letter])
    get_connection().send_messages([render_issue(factories.issue(letter)).message_for(reader)])
    [received] = smtp.to("anna@example.org")
    record = _txt(_printed(), f"{DKIM_SELECTOR}._domainkey.{DKIM_DOMAIN}.")
    asked = []

    def published(name: bytes, timeout: int = 5) -> bytes:
        asked.append(name)
        return record

    assert dkim.verify(received.data, dnsfunc=published)
    assert asked == [f"{DKIM_SELECTOR}._domainkey.{DKIM_DOMAIN}.".encode()]
    # The same key openssl writes out (SubjectPublicKeyInfo, as RFC 6376 §3.6.1 asks).
    assert record == dkim_key.public_record


def test_it_prints_spf_and_dmarc_examples_for_the_sender_domain(smtp, settings):
    settings.DEFAULT_FROM_EMAIL = "news@mail.bigasia.test"

    printed = _printed()

    assert _txt(printed, "mail.bigasia.test.").startswith(b"v=spf1 ")
    dmarc = _txt(printed, "_dmarc.mail.bigasia.test.")
    assert dmarc.startswith(b"v=DMARC1; p=")
    assert b"rua=mailto:dmarc@mail.bigasia.test" in dmarc


def test_it_refuses_without_a_dkim_key(settings):
    settings.DKIM_PRIVATE_KEY = None

    with pytest.raises(CommandError, match="DKIM_SELECTOR"):
        _printed()
