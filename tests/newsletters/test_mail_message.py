"""An issue's mail as a receiver sees it: parsed from what the SMTP server got."""

import dkim
import pytest
from django.core.mail import get_connection

from bigasia.newsletters.mail import render_issue

from . import factories
from .dkim import links

pytestmark = pytest.mark.django_db


def _send_one(smtp, name="Анна <b>"):
    letter = factories.newsletter("ru")
    issue = factories.issue(letter, subject="Главное за день")
    reader = factories.subscriber("anna@example.org", name=name, letters=[letter])
    message = render_issue(issue).message_for(reader)
    assert get_connection().send_messages([message]) == 1
    [received] = smtp.to("anna@example.org")
    return issue, reader, received


def test_it_sends_both_parts_with_the_unsubscribe_headers(smtp):
    issue, reader, received = _send_one(smtp)
    mime = received.message
    assert mime["Subject"].strip() == "Главное за день"
    assert mime["To"] == "anna@example.org"
    assert mime["Message-ID"] == f"<issue-{issue.pk}.sub-{reader.pk}@bigasia.test>"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = mime["List-Unsubscribe"].strip().strip("<>")
    assert header_url.startswith("https://bigasia.test/ru/newsletters/unsubscribe/")
    assert mime.get_content_type() == "multipart/alternative"
    text = mime.get_body(("plain",)).get_content()
    html = mime.get_body(("html",)).get_content()
    # The visible link in both parts is the header's URL.
    assert header_url in text
    assert header_url in html
    assert "Здравствуйте, Анна <b>!" in text
    assert "Здравствуйте, Анна &lt;b&gt;!" in html
    for story in issue.items.all():
        assert story.article.title in text
    assert "Отписаться" in text


def test_it_renders_for_mail_clients(smtp):
    _issue, _reader, received = _send_one(smtp)
    html = received.message.get_body(("html",)).get_content()
    assert 'role="presentation"' in html and "<table" in html
    assert "<style" not in html and "<link" not in html and "@import" not in html
    assert "fonts.googleapis" not in html
    assert 'lang="ru"' in html
    assert all(link.startswith("https://bigasia.test/") for link in links(html))


def test_it_signs_the_unsubscribe_headers_with_dkim(smtp, dkim_key):
    _issue, _reader, received = _send_one(smtp)
    assert dkim.verify(received.data, dnsfunc=dkim_key.dns)
    signature = received.message["DKIM-Signature"]
    signed = {
        name.strip().lower()
        for name in signature.split("h=")[1].split(";")[0].replace("\r\n", "").split(":")
    }
    assert {"from", "to", "subject", "message-id"} <= signed
    assert {"list-unsubscribe", "list-unsubscribe-post"} <= signed
    assert "d=bigasia.test" in signature and "s=news2026" in signature


def test_it_fails_verification_when_a_signed_header_is_changed(smtp, dkim_key):
    _issue, _reader, received = _send_one(smtp)
    tampered = received.data.replace(
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click", b"List-Unsubscribe-Post: nothing"
    )
    assert tampered != received.data
    assert not dkim.verify(tampered, dnsfunc=dkim_key.dns)


def test_it_leaves_mail_unsigned_without_a_key(smtp, settings):
    settings.DKIM_PRIVATE_KEY = None
    _issue, _reader, received = _send_one(smtp)
    assert received.message["DKIM-Signature"] is None


def test_it_personalises_without_rendering_again(smtp, django_assert_num_queries):
    letter = factories.newsletter("en", slug="test-en")
    issue = factories.issue(letter, subject="Top stories")
    rendered = render_issue(issue)
    readers = [
        factories.subscriber(f"reader{n}@example.org", name=f"R{n}", language="en")
        for n in range(3)
    ]
    with django_assert_num_queries(0):
        messages = [rendered.message_for(reader) for reader in readers]
    bodies = [m.body for m in messages]
    assert "Hello, R0!" in bodies[0] and "Hello, R2!" in bodies[2]
    assert len({m.extra_headers["List-Unsubscribe"] for m in messages}) == 3
