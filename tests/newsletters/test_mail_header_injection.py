"""Line breaks in an editor's subject or a newsletter's name never make a header."""

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import get_connection

from bigasia.newsletters.mail import render_issue

from . import factories

pytestmark = pytest.mark.django_db
INJECTION = "Главное\r\nBcc: victim@example.org"


def test_it_refuses_line_breaks_in_the_composer(smtp):
    letter = factories.newsletter("ru")
    issue = factories.issue(letter, subject=INJECTION)
    with pytest.raises(ValidationError) as refused:
        issue.full_clean()
    assert "subject" in refused.value.message_dict
    letter.name = "Рассылка\nBcc: victim@example.org"
    with pytest.raises(ValidationError):
        letter.full_clean()


def test_it_keeps_a_stored_injection_on_one_line(smtp):
    # Rows written around the forms (a shell, an import) still cannot add a header.
    letter = factories.newsletter("ru", name="Рассылка\r\nBcc: victim@example.org")
    issue = factories.issue(letter, subject=INJECTION)
    reader = factories.subscriber("anna@example.org", name="Анна\r\nBcc: x@example.org",
                                  letters=[letter])  # fmt: skip
    get_connection().send_messages([render_issue(issue).message_for(reader)])
    [received] = smtp.received
    assert received.rcpt_tos == ["anna@example.org"]
    mime = received.message
    assert mime["Bcc"] is None
    assert mime["Subject"].strip() == "Главное Bcc: victim@example.org"
    assert "Bcc" not in [name for name, _value in mime.items()]
