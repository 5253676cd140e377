"""One batch of a send: claim due rows under a lease, then send them message by message.

A batch claims up to NEWSLETTERS_BATCH_SIZE due rows with a lease, opens one connection
through Django's email backend and sends under the shared rate limit, recording each row
before and after its SMTP transaction:

    pending ─claim─► claimed ─just before the final "."─► in-flight ─250─► sent
       ▲                │                                      ├─5xx─► failed
       └── 4xx, dropped connection, server down, lease expired ┘      (skipped: not eligible)

docs/newsletters.md ("Delivery") gives the exactly-once argument and the one narrow window.
"""

import logging
import select
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from psycopg import ClientCursor, pq
from psycopg.pq.abc import PGconn

from .mail import RenderedIssue, render_issue
from .models import Delivery, Issue, MailEvent, Subscriber, Subscription
from .ratelimit import Throttle, throttle
from .smtp import EndOfData, EndOfDataUnanswered
from .subscriptions import suppress
from .transport import alive, prepare

logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another worker reclaimed this row (our lease expired): stop before the final "."."""


_rendered: dict[int, RenderedIssue] = {}


def rendered(issue: Issue) -> RenderedIssue:
    """The issue rendered once per process; each message is then personalised by
    substitution (RenderedIssue.message_for), not by rendering the templates again."""
    if issue.pk not in _rendered:
        _rendered.clear()  # one issue at a time is the common case; keep memory flat
        _rendered[issue.pk] = render_issue(issue)
    return _rendered[issue.pk]


def due(issue_id: int, now: datetime) -> QuerySet[Delivery]:
    return Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING).filter(
        Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    )


def claim(issue: Issue, limit: int, now: datetime) -> "Batch":
    token = uuid.uuid4().hex
    lease_until = now + timedelta(seconds=settings.NEWSLETTERS_LEASE_SECONDS)
    with transaction.atomic():
        # Two workers that read the same due rows would both send them. SKIP LOCKED lets
        # PostgreSQL hand each worker different rows, and the status condition in the UPDATE
        # is the guarantee: a row already claimed by another worker is not updated again,
        # so the re-read by our lease token returns only rows that are ours alone.
        # (SQLite serialises writers with BEGIN IMMEDIATE and ignores FOR UPDATE.)
        ids = list(
            due(issue.pk, now)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CLAIMED, lease_token=token, lease_until=lease_until
        )
    rows = list(
        Delivery.objects.filter(lease_token=token, status=Delivery.Status.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )
    return Batch(issue=issue, token=token, rows=rows, lease_until=lease_until)


@dataclass
class Batch:
    issue: Issue
    token: str
    rows: list[Delivery]
    heartbeat: Any = None  # the issue's row as a queryset (its heartbeat is updated)
    outage: bool = False
    # Rows the server accepted, written to the database together with the next message's
    # in-flight mark (one commit per message instead of two). Until then they stay
    # in-flight, which recovery counts as sent — the truth for them.
    accepted: list[int] = field(default_factory=list)
    lease_until: datetime | None = None

    def mine(self, pk: int | list[int]) -> QuerySet[Delivery]:
        rows = Delivery.objects.filter(lease_token=self.token)
        return rows.filter(pk__in=pk) if isinstance(pk, list) else rows.filter(pk=pk)

    def send(self) -> int:
        eligible = self._eligible()
        issue_mail = None
        limiter = throttle()
        connection = None
        sent = 0
        try:
            for index, row in enumerate(self.rows):
                if row.subscriber_id not in eligible:
                    self._finish(row, Delivery.Status.SKIPPED, None, "not subscribed any more")
                    continue
                if connection is None:
                    connection = self._connect()
                    if connection is None:
                        self._release(self.rows[index:])
                        break
                issue_mail = issue_mail or rendered(self.issue)
                self._keep_lease(limiter)
                if self._send_one(connection, issue_mail, row):
                    sent += 1
                elif not alive(connection):
                    connection.close()
                    connection = None
        finally:
            self._flush_accepted()
            if connection is not None:
                connection.close()
        return sent

    def _eligible(self) -> set[int]:
        """Subscribers still confirmed and subscribed (deleted ones have no id here)."""
        ids = [row.subscriber_id for row in self.rows if row.subscriber_id]
        return set(
            Subscription.objects.filter(
                newsletter_id=self.issue.newsletter_id,
                active=True,
                subscriber_id__in=ids,
                subscriber__status=Subscriber.Status.CONFIRMED,
            ).values_list("subscriber_id", flat=True)
        )

    def _connect(self) -> BaseEmailBackend | None:
        # settings.EMAIL_BACKEND: DKIM signing over EMAIL_TRANSPORT (SMTP or an ESP).
        connection: BaseEmailBackend = get_connection(timeout=settings.NEWSLETTERS_SMTP_TIMEOUT)
        try:
            connection.open()
        except (OSError, smtplib.SMTPException) as exc:
            self._server_down(exc)
            return None
        if self.issue.outage_count:
            Issue.objects.filter(pk=self.issue.pk).update(outage_count=0, outage_until=None)
            self.issue.outage_count = 0
        return connection

    @property
    def _lease(self) -> timedelta:
        return timedelta(seconds=settings.NEWSLETTERS_LEASE_SECONDS)

    def _keep_lease(self, limiter: Throttle) -> None:
        limiter.wait()
        now = timezone.now()
        assert self.lease_until is not None  # claim() set it
        if self.lease_until - now < self._lease * 2 / 3:
            self._renew_lease(now)

    def _renew_lease(self, now: datetime) -> None:
        self.lease_until = now + self._lease
        Delivery.objects.filter(lease_token=self.token).update(lease_until=self.lease_until)
        self.heartbeat.update(heartbeat_at=now)

    def _send_one(
        self, connection: BaseEmailBackend, issue_mail: RenderedIssue, row: Delivery
    ) -> bool:
        send, message_id = prepare(connection, issue_mail, row)

        def in_flight(end: EndOfData | None = None) -> None:
            self._mark_in_flight(row, message_id, end)

        try:
            send(in_flight)
        except LeaseLost:
            logger.warning("delivery %s: lease lost to another worker, not sent", row.pk)
            return False
        except EndOfDataUnanswered as exc:
            # Alive, and the server vanished before answering the final ".": a server that
            # queued a message answers at once, so a missing answer most likely means it was
            # not taken. Resent later with the same Message-ID (receivers de-duplicate).
            self._retry(row, None, f"no answer after the end of DATA: {exc}")
            return False
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            self._refused(row, code, reply, rcpt=True)
            return False
        except smtplib.SMTPResponseException as exc:
            self._refused(row, exc.smtp_code, exc.smtp_error, rcpt=False)
            return False
        except AnymailRecipientsRefused as exc:
            self._refused(row, 550, str(exc), rcpt=False)  # the ESP refused the address
            return False
        except AnymailError as exc:
            # The ESP's API failed (or answered an error): nothing was queued; try later.
            self._retry(row, None, f"ESP: {exc}")
            return False
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # Cut off before the final ".": the server discarded the transaction. Send it
            # again on a fresh connection (the loop reconnects once this one is closed).
            connection.close()
            self._retry(row, None, f"connection lost: {exc}", count=False)
            return False
        self.accepted.append(row.pk)
        return True

    def _mark_in_flight(self, row: Delivery, message_id: str, end: EndOfData | None) -> None:
        """Record the row in flight (and the previous successes sent) around the end of DATA.

        Over SMTP the final "." is queued in the kernel before the record is written, so an
        in-flight row's message reaches the server even if this process dies right after;
        the worker's death between the two writes leaves the row claimed with the "." on its
        way: resent, a duplicate (docs/newsletters.md, "The narrow window").
        """
        if end is not None and db_connection.vendor == "postgresql":
            self._mark_in_flight_pipelined(row, message_id, end)
            return
        with transaction.atomic():
            self._flush_accepted()
            marked = (
                self.mine(row.pk)
                .filter(status=Delivery.Status.CLAIMED)
                .update(status=Delivery.Status.IN_FLIGHT, message_id=message_id[:200])
            )
            if not marked:
                raise LeaseLost(row.pk)  # rolled back; the "." was never queued
            if end is not None:
                # The write lock is held and the row is ours: the commit is a WAL append.
                end.queue()
        if end is not None:
            end.release()

    def _mark_in_flight_pipelined(self, row: Delivery, message_id: str, end: EndOfData) -> None:
        """PostgreSQL: queue the ".", write the mark, release the ".", then read the answer.

        The database and the mail server work on their halves at the same time, and only
        the microseconds between queueing the "." and handing the mark to the kernel are a
        window (nothing is woken in between). The lease is checked locally first: no other
        worker may reclaim the row before `lease_until`, so the mark cannot miss (hosts'
        clocks must agree to within a third of the lease, which NTP gives).
        """
        assert self.lease_until is not None  # claim() set it
        if self.lease_until - timezone.now() < self._lease / 3:
            self._renew_lease(timezone.now())
        db_connection.ensure_connection()
        conn = db_connection.connection
        query = (
            ClientCursor(conn)
            .mogrify(
                f"UPDATE {Delivery._meta.db_table} SET status = 'sent', sent_at = now(),"
                " smtp_code = 250, lease_token = '', lease_until = NULL"
                " WHERE lease_token = %s AND status = 'in-flight' AND id = ANY(%s);"
                f" UPDATE {Delivery._meta.db_table} SET status = 'in-flight', message_id = %s"
                " WHERE id = %s AND lease_token = %s AND status = 'claimed'",
                [self.token, self.accepted, message_id[:200], row.pk, self.token],
            )
            .encode()
        )  # the table name comes from the model, values are bound by psycopg
        self.accepted = []
        pgconn = conn.pgconn
        end.queue()
        pgconn.send_query(query)
        while pgconn.flush():
            select.select([], [pgconn.socket], [])
        try:
            end.release()
        finally:
            # Read the answer even when the mail socket failed, so the connection stays
            # usable for the row's retry.
            marked = _last_row_count(pgconn)
        if marked != 1:
            # Cannot happen while the local lease check holds; logged, as it may duplicate.
            logger.error("delivery %s: in-flight mark missed after the end of DATA", row.pk)

    def _flush_accepted(self) -> None:
        if self.accepted:
            self.mine(self.accepted).filter(status=Delivery.Status.IN_FLIGHT).update(
                status=Delivery.Status.SENT,
                sent_at=timezone.now(),
                smtp_code=250,
                lease_token="",
                lease_until=None,
            )
            self.accepted = []

    def _refused(self, row: Delivery, code: int, reply: bytes | str, rcpt: bool) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        if 500 <= code < 600:
            self._finish(row, Delivery.Status.FAILED, code, text, attempt=True)
            MailEvent.objects.create(
                issue=self.issue, subscriber_id=row.subscriber_id,
                kind=MailEvent.Kind.BOUNCED, detail=f"{code} {text}"[:500],
            )  # fmt: skip
            if rcpt and row.subscriber_id:
                # The receiving server says the mailbox does not exist: a hard bounce.
                suppress(row.subscriber_id, Subscriber.Suppression.HARD_BOUNCE)
        else:
            self._retry(row, code, text)

    def _retry(self, row: Delivery, code: int | None, text: str, count: bool = True) -> None:
        attempts = row.attempts + 1
        if attempts >= settings.NEWSLETTERS_MAX_ATTEMPTS:
            self._finish(row, Delivery.Status.FAILED, code, f"gave up: {text}", attempt=True)
            return
        delay = settings.NEWSLETTERS_RETRY_SECONDS * 2 ** (attempts - 1) if count else 0
        delay = min(delay, settings.NEWSLETTERS_RETRY_MAX_SECONDS)
        self.mine(row.pk).update(
            status=Delivery.Status.PENDING,
            attempts=attempts,
            retry_at=timezone.now() + timedelta(seconds=delay),
            smtp_code=code,
            last_error=text[:500],
            lease_token="",
            lease_until=None,
        )

    def _finish(
        self,
        row: Delivery,
        status: Delivery.Status,
        code: int | None,
        text: str,
        attempt: bool = False,
    ) -> None:
        self.mine(row.pk).update(
            status=status,
            attempts=row.attempts + (1 if attempt else 0),
            smtp_code=code,
            last_error=text[:500],
            lease_token="",
            lease_until=None,
        )

    def _release(self, rows: list[Delivery]) -> None:
        self.mine([row.pk for row in rows]).filter(status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.PENDING, lease_token="", lease_until=None
        )

    def _server_down(self, exc: BaseException) -> None:
        """Pause the whole issue with a doubling back-off; the sweep resumes it."""
        self.outage = True
        count = self.issue.outage_count + 1
        delay = min(
            settings.NEWSLETTERS_OUTAGE_SECONDS * 2 ** (count - 1),
            settings.NEWSLETTERS_OUTAGE_MAX_SECONDS,
        )
        until = timezone.now() + timedelta(seconds=delay)
        Issue.objects.filter(pk=self.issue.pk).update(outage_until=until, outage_count=count)
        logger.warning("mail server unreachable (%s); issue %s pauses %.0fs", exc, self.issue.pk,
                       delay)  # fmt: skip


def _last_row_count(pgconn: PGconn) -> int:
    """Read every result of a sent query; the row count of the last statement."""
    count = 0
    while (result := pgconn.get_result()) is not None:
        if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            raise DatabaseError(result.error_message.decode(errors="replace"))
        count = int(result.command_tuples or 0)
    return count
