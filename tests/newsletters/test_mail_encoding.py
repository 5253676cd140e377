"""What a relay and a reader's mail program get: 7-bit bodies under DKIM, a clean Subject."""

import email
from email import policy

import dkim
import pytest
from django.core.mail import EmailMessage, get_connection

from bigasia.newsletters import batch, lifecycle
from bigasia.newsletters.mail import confirmation_message, render_issue
from tests.plugins.newsletter_delivery import drain

from . import factories

pytestmark = pytest.mark.django_db

LONG_SUBJECT = (
    "Главное за день: Мишустин и Смаилов обсудили на Евразийском межправительственном "
    "совете в Алма-Ате транзит, цифровую торговлю и «зелёные» коридоры"
)


def _text_parts(data: bytes) -> list[email.message.EmailMessage]:
    mime = email.message_from_bytes(data, policy=policy.default)
    return [part for part in mime.walk() if part.get_content_maintype() == "text"]


def _assert_seven_bit_and_signed(data: bytes, dkim_key) -> None:
    """Nothing for a relay to convert (RFC 6376 §5.3), and the signature holds."""
    assert data.isascii()
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    parts = _text_parts(data)
    assert parts
    assert {part["Content-Transfer-Encoding"] for part in parts} == {"quoted-printable"}
    assert dkim.verify(data, dnsfunc=dkim_key.dns)


def test_it_sends_an_issue_quoted_printable_under_dkim(smtp, dkim_key):
    letter = factories.newsletter("ru")
    issue = factories.issue(letter)
    reader = factories.subscriber("anna@example.org", name="Анна", letters=[letter])

    assert get_connection().send_messages([render_issue(issue).message_for(reader)]) == 1

    [received] = smtp.to("anna@example.org")
    _assert_seven_bit_and_signed(received.data, dkim_key)
    text = _text_parts(received.data)[0].get_content()
    assert "Здравствуйте, Анна!" in text


def test_it_sends_the_engines_bytes_quoted_printable_under_dkim(
    delivery_engine,
    smtp,
    _mail_server,
    dkim_key,
    settings,
):
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.smtp.EmailBackend"
    settings.EMAIL_PORT = _mail_server.port
    letter = factories.newsletter("ru")
    issue = factories.issue(letter, subject=LONG_SUBJECT)
    factories.subscriber("petr@example.org", name="Пётр Ильич", letters=[letter])
    batch._rendered.clear()

    lifecycle.start_sending(issue)
    drain(issue)

    [received] = smtp.to("petr@example.org")
    _assert_seven_bit_and_signed(received.data, dkim_key)
    assert received.message["Subject"] == LONG_SUBJECT


def test_it_encodes_mail_from_elsewhere_before_signing(smtp, dkim_key):
    """Wagtail's notifications and Django's own mail reach the backend as 8bit."""
    message = EmailMessage(
        subject="Статья ждёт проверки",
        body="Статья «Казахстан и ЕАЭС» ждёт вашей проверки.\n",
        from_email="news@bigasia.test",
        to=["editor@example.org"],
    )
    assert b"8bit" in message.message().as_bytes()

    assert get_connection().send_messages([message]) == 1

    [received] = smtp.to("editor@example.org")
    _assert_seven_bit_and_signed(received.data, dkim_key)
    assert _text_parts(received.data)[0].get_content().replace("\r\n", "\n") == message.body


def test_it_sends_the_confirmation_quoted_printable_under_dkim(smtp, dkim_key):
    letter = factories.newsletter("ru")
    message = confirmation_message(
        "new@example.org", "ru", [letter], "https://bigasia.test/ru/newsletters/confirm/x/"
    )

    assert get_connection().send_messages([message]) == 1

    [received] = smtp.to("new@example.org")
    _assert_seven_bit_and_signed(received.data, dkim_key)


@pytest.mark.parametrize(
    "subject", [LONG_SUBJECT, "Коротко", "A weekly digest of " + "Asian news, " * 8]
)
def test_it_folds_a_subject_that_reads_back_unchanged(subject, smtp):
    letter = factories.newsletter("ru")
    issue = factories.issue(letter, subject=subject)
    reader = factories.subscriber("olga@example.org", letters=[letter])
    rendered = render_issue(issue)
    other = EmailMessage(subject, "Текст", "news@bigasia.test", ["olga@example.org"])

    assert get_connection().send_messages([rendered.message_for(reader), other]) == 2

    for received in smtp.to("olga@example.org"):
        assert received.message["Subject"] == subject.strip()
        header = received.data.split(b"\r\n\r\n", 1)[0]
        assert b"Subject: \r\n" not in header
    fast = rendered.wire_for(reader).data
    assert email.message_from_bytes(fast, policy=policy.default)["Subject"] == subject.strip()
