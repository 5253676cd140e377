"""The newsletter mail: one render per issue, a cheap personal copy per subscriber.

Interface (used by the delivery engine, `bigasia.newsletters.batch` and `.transport`):

    rendered = render_issue(issue)              # templates rendered once, in the newsletter's
                                                # language: subject, HTML (tables, inline CSS,
                                                # no remote fonts) and plain text
    msg = rendered.message_for(subscriber)      # EmailMultiAlternatives, ready for any Django
                                                # backend; string substitution only
    wire = rendered.wire_for(subscriber)        # the same message as CRLF bytes, filled into
                                                # the issue's MIME flattened once
                                                # (bigasia.newsletters.mime_template)
    message_id(issue.pk, subscriber.pk)         # the Message-ID msg carries:
                                                # <issue-12.sub-345@NEWSLETTER_MESSAGE_ID_DOMAIN>

Bodies are quoted-printable and the Subject folds cleanly (`bigasia.newsletters.mime`), so
a relay has nothing to re-encode under the DKIM signature. Each message has a visible
unsubscribe link and the RFC 8058 headers
`List-Unsubscribe: <https://…/unsubscribe/<token>/>[, <mailto:…>]` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`. DKIM signing happens in the email
backend (`bigasia.newsletters.dkim_backend.DKIMSigningBackend`, always settings.EMAIL_BACKEND),
so whatever sends through `get_connection()` is signed; code that talks SMTP itself signs
the bytes it flattened with `dkim_backend.signed_raw(raw)`.

`confirmation_message(...)`, `preferences_message(...)` and `RenderedIssue.test_message(...)`
build the double opt-in mail, a fresh link to a reader's settings and an editor's test copy
through the same layout.
"""

import html
import re
from dataclasses import dataclass, field
from email.utils import formataddr, make_msgid
from typing import Protocol
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bigasia.core.dates import format_date

from . import tokens
from .mime import PreparedEmail
from .mime_template import Wire, WireTemplate
from .models import Issue, Newsletter

# Markers left in the rendered templates and filled per message. One regex split at render
# time turns each part into literal chunks and marker names, so a message is one join.
_MARKER = re.compile(r"\[\[ba:(greeting|unsubscribe|preferences)\]\]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = "TOKEN"


class Recipient(Protocol):
    pk: int
    email: str
    name: str
    token_nonce: str


def message_id(issue_id: int, subscriber_id: int) -> str:
    """Derived from the pair, so a duplicate is visible in any mail log."""
    return f"<issue-{issue_id}.sub-{subscriber_id}@{settings.NEWSLETTER_MESSAGE_ID_DOMAIN}>"


def one_line(value: str) -> str:
    """A header-safe value: control characters (CR, LF …) become spaces, runs collapse."""
    return " ".join(_CONTROL.sub(" ", value).split())


def sender(newsletter: Newsletter | None, language: str) -> str:
    with translation.override(language):
        site = gettext("Big Asia")
    display = f"{site}: {newsletter.name}" if newsletter else site
    return formataddr((one_line(display), settings.DEFAULT_FROM_EMAIL))


def absolute_url(language: str, viewname: str, token: str) -> str:
    return url_template(language, viewname).replace(_TOKEN, token)


def url_template(language: str, viewname: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(viewname, kwargs={"token": _TOKEN})


class _Template:
    """A rendered text with markers, split once."""

    def __init__(self, text: str) -> None:
        self.parts = _MARKER.split(text)  # literal, name, literal, name, …

    def fill(self, values: dict[str, str]) -> str:
        parts = self.parts[:]
        parts[1::2] = [values[name] for name in parts[1::2]]
        return "".join(parts)


@dataclass
class RenderedIssue:
    issue_id: int
    newsletter_id: int
    language: str
    subject: str
    from_email: str
    list_id: str
    html: _Template
    text: _Template
    greeting_named: str  # "Hello, %(name)s!" in the newsletter's language
    greeting_anonymous: str
    unsubscribe_url: str  # with TOKEN in place of the token
    preferences_url: str  # "manage": asks for a fresh settings link (the unsubscribe token)
    _wire: WireTemplate | None = field(default=None, repr=False, compare=False)

    def message_for(self, subscriber: Recipient) -> EmailMultiAlternatives:
        return self._build(subscriber, message_id(self.issue_id, subscriber.pk), self.subject)

    def wire_for(self, subscriber: Recipient) -> Wire:
        """The same message as bytes, from the issue's bytes built once (bigasia.newsletters.
        wire)."""
        if self._wire is None:
            self._wire = WireTemplate(self)
        return self._wire.fill(subscriber, message_id(self.issue_id, subscriber.pk))

    def test_message(self, email: str, name: str = "") -> EmailMultiAlternatives:
        """An editor's copy: same path, a fresh Message-ID, links that unsubscribe nobody."""

        class _Editor:
            pk = 0
            token_nonce = ""
            email: str
            name: str

        editor = _Editor()
        editor.email, editor.name = email, name
        with translation.override(self.language):
            subject = gettext("[Test] %(subject)s") % {"subject": self.subject}
        domain = settings.NEWSLETTER_MESSAGE_ID_DOMAIN
        return self._build(editor, make_msgid(f"issue-{self.issue_id}.test", domain), subject)

    def personal_values(self, subscriber: Recipient) -> dict[str, str]:
        """The marker values of one subscriber (plain text; the HTML part escapes them)."""
        # One signed token for both links: the preferences link only asks for a fresh,
        # expiring link to be mailed to this address, so it needs nothing more secret.
        token = tokens.unsubscribe_token(subscriber.pk, self.newsletter_id, self.issue_id)
        unsubscribe = self.unsubscribe_url.replace(_TOKEN, token)
        preferences = self.preferences_url.replace(_TOKEN, token)
        name = one_line(subscriber.name or "")
        greeting = self.greeting_named % {"name": name} if name else self.greeting_anonymous
        return {"greeting": greeting, "unsubscribe": unsubscribe, "preferences": preferences}

    def _build(self, subscriber: Recipient, msgid: str, subject: str) -> EmailMultiAlternatives:
        text_values = self.personal_values(subscriber)
        html_values = {key: html.escape(value) for key, value in text_values.items()}
        return self.build_email(subscriber.email, msgid, subject, text_values, html_values)

    def build_email(
        self,
        to: str,
        msgid: str,
        subject: str,
        text_values: dict[str, str],
        html_values: dict[str, str],
        date: str | None = None,
    ) -> EmailMultiAlternatives:
        """The one place the message's shape is decided (message_for and the wire template)."""
        headers = {
            "Message-ID": msgid,
            "List-Unsubscribe": _list_unsubscribe(text_values["unsubscribe"]),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
        }
        if date is not None:
            headers["Date"] = date
        message = PreparedEmail(
            subject=subject,
            body=self.text.fill(text_values),
            from_email=self.from_email,
            to=[to],
            headers=headers,
        )
        message.attach_alternative(self.html.fill(html_values), "text/html")
        return message


def _list_unsubscribe(url: str) -> str:
    mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO
    if not mailto:
        return f"<{url}>"
    return f"<{url}>, <mailto:{mailto}?{urlencode({'subject': 'unsubscribe'})}>"


@dataclass(frozen=True)
class Story:
    title: str
    lead: str
    url: str
    date: str


def issue_stories(issue: Issue) -> list[Story]:
    campaign = urlencode(
        {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": issue.newsletter.slug}
    )
    stories = []
    for item in issue.items.select_related("article").order_by("sort_order", "pk"):
        page = item.article
        _site_id, _root, path = page.get_url_parts() or (None, None, None)
        if path is None or not page.live:
            continue  # unpublished since it was picked: nothing to link to
        stories.append(
            Story(
                title=page.title,
                lead=page.lead,
                url=f"{settings.SITE_URL}{path}?{campaign}",
                date=format_date(page.first_published_at),
            )
        )
    return stories


def render_issue(issue: Issue) -> RenderedIssue:
    newsletter = issue.newsletter
    language = newsletter.language
    subject = one_line(issue.subject)
    with translation.override(language):
        context = {
            "issue": issue,
            "newsletter": newsletter,
            "subject": subject,
            "intro_paragraphs": [p.strip() for p in issue.intro.split("\n\n") if p.strip()],
            "stories": issue_stories(issue),
            "site_url": settings.SITE_URL,
            "language": language,
        }
        rendered = RenderedIssue(
            issue_id=issue.pk,
            newsletter_id=newsletter.pk,
            language=language,
            subject=subject,
            from_email=sender(newsletter, language),
            list_id=formataddr((one_line(newsletter.name), f"{newsletter.slug}.{_list_domain()}")),
            html=_Template(render_to_string("newsletters/mail/issue.html", context)),
            text=_Template(render_to_string("newsletters/mail/issue.txt", context)),
            greeting_named=gettext("Hello, %(name)s!"),
            greeting_anonymous=gettext("Hello!"),
            unsubscribe_url=url_template(language, "newsletters:unsubscribe"),
            preferences_url=url_template(language, "newsletters:manage"),
        )
    return rendered


def _list_domain() -> str:
    return settings.NEWSLETTER_MESSAGE_ID_DOMAIN


def confirmation_message(
    email: str, language: str, newsletters: list[Newsletter], confirm_url: str
) -> EmailMultiAlternatives:
    """The double opt-in mail: rendered per message (one reader, one mail)."""
    context = {"newsletters": newsletters, "confirm_url": confirm_url,
               "hours": settings.NEWSLETTER_CONFIRM_MAX_AGE // 3600}  # fmt: skip
    with translation.override(language):
        subject = gettext("Confirm your subscription to Big Asia newsletters")
    return _reader_mail(email, language, subject, "confirm", context)


def preferences_message(email: str, language: str, preferences_url: str) -> EmailMultiAlternatives:
    """A fresh link to the subscriber's settings, mailed only to the address itself."""
    context = {"preferences_url": preferences_url,
               "hours": settings.NEWSLETTER_PREFERENCES_MAX_AGE // 3600}  # fmt: skip
    with translation.override(language):
        subject = gettext("Your Big Asia newsletter settings")
    return _reader_mail(email, language, subject, "preferences", context)


def _reader_mail(
    email: str, language: str, subject: str, template: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    """A one-reader mail from newsletters/mail/<template>.txt and .html, in its language."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        message = PreparedEmail(
            subject=subject,
            body=render_to_string(f"newsletters/mail/{template}.txt", context),
            from_email=sender(None, language),
            to=[email],
            headers={"Message-ID": make_msgid(template, settings.NEWSLETTER_MESSAGE_ID_DOMAIN)},
        )
        message.attach_alternative(
            render_to_string(f"newsletters/mail/{template}.html", {**context, "subject": subject}),
            "text/html",
        )
    return message
