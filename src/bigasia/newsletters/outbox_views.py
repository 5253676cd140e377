"""Admin → *Local outbox* (DEBUG only): the messages the local outbox transport captured
(bigasia.newsletters.outbox), listed newest first and shown with their links clickable."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse

from bigasia.core.dates import format_datetime

from .outbox import CapturedMail, captured, captured_mail

# Links in the HTML part open in a new tab: the site refuses to be framed (X-Frame-Options).
_OPEN_LINKS_OUTSIDE = '<base target="_blank">'


def outbox_visible(request: HttpRequest) -> bool:
    return settings.DEBUG and request.user.has_perm("newsletters.change_issue")


def _check(request: HttpRequest) -> None:
    if not settings.DEBUG:
        raise Http404  # there is no local outbox outside local development
    if not outbox_visible(request):
        raise PermissionDenied


def _row(mail: CapturedMail) -> dict[str, str]:
    return {
        "name": mail.name,
        "at": format_datetime(mail.captured_at),
        "to": mail.header("To"),
        "subject": mail.header("Subject"),
    }


def outbox(request: HttpRequest) -> TemplateResponse:
    _check(request)
    rows = [_row(mail) for mail in captured()]
    return TemplateResponse(request, "newsletters/admin/outbox.html", {"rows": rows})


def outbox_message(request: HttpRequest, name: str) -> TemplateResponse:
    _check(request)
    mail = captured_mail(name)
    if mail is None:
        raise Http404
    html = mail.part("html")
    context = {
        "mail": _row(mail),
        "sender": mail.header("From"),
        "text": mail.part("plain"),
        "html": _OPEN_LINKS_OUTSIDE + html if html else "",
    }
    return TemplateResponse(request, "newsletters/admin/outbox_message.html", context)
