"""Transactional mail through the task queue: confirmations, preference links, editors' tests.

A request never talks to the mail server (an outage there used to be a 500). It stores the
message as an OutgoingMail row and enqueues `send_queued_mail(id)`; a worker claims the row
with a compare-and-set UPDATE and sends it through EMAIL_BACKEND (DKIM included). A failed
attempt puts the row back to pending with `next_try_at` doubling per attempt (4xx answers,
a refused connection, a timeout); a 5xx answer fails it for good. The periodic sweep
enqueues rows that are due again, and rows whose worker died mid-send once their lease ends.

Readers' mails count against a per-address window: at most one mail of a kind per
NEWSLETTER_MAIL_EVERY seconds to an address, `+tags` folded (victim+1@… is victim@…), and
counted by mails actually *sent*: a mail that failed for good frees the window, and one that
is still waiting takes the newest request's content instead of queuing a second mail.
"""

import logging
import secrets
import smtplib
from datetime import datetime, timedelta
from typing import Any

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic

from .models import OutgoingMail

logger = logging.getLogger(__name__)
SWEEP_BATCH = 200


class _WindowTaken(Exception):
    """A mail of this kind reached this address within the window."""


def window_key(address: str) -> str:
    """One key per mailbox: the normalised address without a +tag in its local part."""
    local, _at, domain = address.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def queue_reader_mail(message: EmailMultiAlternatives, kind: str) -> None:
    """Queue a mail a reader's request caused, unless the address had one within the window."""
    key = window_key(message.to[0])
    fields = _fields(message)
    pending = OutgoingMail.objects.filter(
        window_key=key, kind=kind, status=OutgoingMail.Status.PENDING
    )
    if pending.update(**fields):
        # Still waiting (the server was down): one mail, with what was asked last. Its retry
        # time stays: asking again must not make the worker hammer a server that is down.
        return
    since = timezone.now() - timedelta(seconds=settings.NEWSLETTER_MAIL_EVERY)
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                window_key=key, kind=kind, next_try_at=timezone.now(), **fields
            )
            # Checked after the insert, not before, against the race of a mail to this
            # address finishing its send meanwhile: the partial unique index makes our
            # insert wait for that worker's commit, so this read then sees the mail as
            # sent. Checked first, it could miss it and let two mails out in one window.
            recent = OutgoingMail.objects.filter(
                window_key=key, kind=kind, status=OutgoingMail.Status.SENT, sent_at__gte=since
            )
            if recent.exists():
                raise _WindowTaken
    except (IntegrityError, _WindowTaken):
        return  # one is being sent right now (the unique index), or was sent lately
    send_queued_mail.enqueue(mail.pk)


def queue_mail(message: EmailMultiAlternatives, kind: str) -> None:
    """Queue a mail outside any window (an editor's test copy to their own address)."""
    mail = OutgoingMail.objects.create(kind=kind, next_try_at=timezone.now(), **_fields(message))
    send_queued_mail.enqueue(mail.pk)


def _fields(message: EmailMultiAlternatives) -> dict[str, Any]:
    [to] = message.to
    html = next((body for body, mimetype in message.alternatives if mimetype == "text/html"), "")
    return {
        "to_email": to,
        "from_email": message.from_email,
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "headers": dict(message.extra_headers),
    }


def as_message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=[mail.to_email],
        headers=mail.headers,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _lease() -> timedelta:
    # Longer than one SMTP conversation can take, so a live lease never ends under its owner.
    return timedelta(seconds=settings.EMAIL_TIMEOUT * 2 + 30)


def _due(now: datetime) -> Q:
    return Q(status=OutgoingMail.Status.PENDING, next_try_at__lte=now) | Q(
        status=OutgoingMail.Status.SENDING, lease_until__lt=now
    )


def claim(mail_id: int) -> str | None:
    """The lease token if this worker may send the mail now, else None."""
    token = secrets.token_hex(8)
    now = timezone.now()
    # Compare-and-set: the task the request enqueued and the sweep's (or two workers) may
    # run for one row at once; only one UPDATE matches, so the reader gets one mail.
    won = OutgoingMail.objects.filter(_due(now), pk=mail_id).update(
        status=OutgoingMail.Status.SENDING, lease_token=token, lease_until=now + _lease()
    )
    return token if won else None


def send(mail_id: int) -> bool:
    """Try to send one queued mail; True when the server took it."""
    token = claim(mail_id)
    if token is None:
        return False  # sent, failed, not due yet, or another worker holds it
    mail = OutgoingMail.objects.get(pk=mail_id)
    mine = OutgoingMail.objects.filter(pk=mail_id, lease_token=token)
    try:
        get_connection().send_messages([as_message(mail)])
    except Exception as exc:  # noqa: BLE001 - every failure is retried or recorded, never lost
        _failed_attempt(mail, mine, exc)
        return False
    mine.update(status=OutgoingMail.Status.SENT, sent_at=timezone.now(), lease_token="",
                lease_until=None, attempts=mail.attempts + 1)  # fmt: skip
    return True


def _failed_attempt(mail: OutgoingMail, mine: QuerySet[OutgoingMail], exc: Exception) -> None:
    attempts = mail.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:500]
    if _permanent(exc) or attempts >= settings.MAIL_QUEUE_MAX_ATTEMPTS:
        logger.warning("mail %s to %s failed for good: %s", mail.pk, mail.to_email, error)
        mine.update(status=OutgoingMail.Status.FAILED, attempts=attempts, last_error=error,
                    lease_token="", lease_until=None)  # fmt: skip
        return
    delay = min(
        settings.MAIL_QUEUE_RETRY_SECONDS * 2 ** (attempts - 1),
        settings.MAIL_QUEUE_RETRY_MAX_SECONDS,
    )
    logger.info("mail %s: attempt %s failed (%s), next in %.1fs", mail.pk, attempts, error, delay)
    mine.update(
        status=OutgoingMail.Status.PENDING,
        attempts=attempts,
        next_try_at=timezone.now() + timedelta(seconds=delay),
        last_error=error,
        lease_token="",
        lease_until=None,
    )


def _permanent(exc: Exception) -> bool:
    """A 5xx answer (no such mailbox, refused sender, …): trying again changes nothing."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return isinstance(exc, AnymailRecipientsRefused)


def _old_finished(now: datetime) -> Q:
    kept_from = now - timedelta(days=settings.MAIL_QUEUE_KEEP_DAYS)
    return Q(status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED]) & Q(
        created_at__lt=kept_from
    )


def has_sweeping_to_do() -> bool:
    """Whether `sweep` would find anything (one query, asked by the scheduler)."""
    now = timezone.now()
    return bool(OutgoingMail.objects.filter(_due(now) | _old_finished(now)).exists())


def sweep() -> int:
    """Enqueue every due mail (retries, dead workers' leases); delete old finished rows."""
    now = timezone.now()
    due = list(
        OutgoingMail.objects.filter(_due(now))
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for mail_id in due:
        send_queued_mail.enqueue(mail_id)
    OutgoingMail.objects.filter(_old_finished(now)).delete()
    return len(due)


@task()
def send_queued_mail(mail_id: int) -> bool:
    return send(mail_id)


@periodic.every(lambda: settings.MAIL_QUEUE_SWEEP_EVERY, has_work=has_sweeping_to_do)
@task()
def sweep_queued_mail() -> int:
    """Retry mail whose attempt failed, or whose worker stopped mid-send."""
    return sweep()
