"""The life of a send: start, the batch chains, the periodic sweep, pause and resume.

start_sending() creates one Delivery row per (issue, subscriber) and starts a few parallel
chains of batch tasks (SendSlot); each task sends one batch (bigasia.newsletters.batch) and
enqueues its successor while work remains. The sweep (`tend`) starts scheduled issues,
returns dead workers' rows, restarts stalled chains and closes finished sends.

All state is in the database (and the rate budget in Redis), so any number of workers on
any number of hosts share a send, and a restart continues where it stopped.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from .batch import claim, due
from .models import Delivery, Issue, SendSlot, Subscriber, Subscription

OPEN = (Delivery.Status.PENDING, Delivery.Status.CLAIMED, Delivery.Status.IN_FLIGHT)
UNKNOWN_OUTCOME = "worker stopped after queueing the end of DATA; counted as sent, not resent"


def start_sending(issue: Issue) -> int:
    """The composer's "send now": create the deliveries and start the batches.

    Idempotent: the unique (issue, subscriber) constraint lets a second call (or a
    scheduled start racing a manual one) add only subscribers confirmed since.
    Returns how many deliveries were created by this call.
    """
    now = timezone.now()
    with transaction.atomic():
        startable = [Issue.Status.DRAFT, Issue.Status.SCHEDULED, Issue.Status.SENDING]
        updated = Issue.objects.filter(pk=issue.pk, status__in=startable).update(
            status=Issue.Status.SENDING, started_at=issue.started_at or now
        )
        if not updated:
            return 0
        created = _create_deliveries(issue)
        for slot in range(settings.NEWSLETTERS_PARALLEL_BATCHES):
            SendSlot.objects.get_or_create(issue=issue, slot=slot)
    issue.refresh_from_db()
    _revive_slots(issue.pk, now, force=True)
    return created


def _create_deliveries(issue: Issue) -> int:
    """INSERT … SELECT in the database: 100,000 rows without loading them into Python."""
    delivery = Delivery._meta.db_table
    subscriber = Subscriber._meta.db_table
    subscription = Subscription._meta.db_table
    sql = f"""
        INSERT INTO {delivery}
            (issue_id, subscriber_id, email, status, attempts, lease_token, message_id,
             last_error)
        SELECT %s, s.id, s.email, %s, 0, '', '', ''
        FROM {subscriber} s JOIN {subscription} sub ON sub.subscriber_id = s.id
        WHERE sub.newsletter_id = %s AND sub.active = %s AND s.status = %s
        ORDER BY s.id
        ON CONFLICT DO NOTHING
    """  # table names come from the models, values are parameters
    with db_connection.cursor() as cursor:
        cursor.execute(
            sql,
            [issue.pk, Delivery.Status.PENDING, issue.newsletter_id, True,
             Subscriber.Status.CONFIRMED],
        )  # fmt: skip
        inserted: int = cursor.rowcount  # the DB-API's count, untyped in the stubs
        return max(inserted, 0)


def has_sends_to_tend(now: datetime | None = None) -> bool:
    """Whether `tend` has anything to look at: an issue due to start, or one sending. One
    query, asked by the scheduler every NEWSLETTERS_TEND_EVERY seconds."""
    now = now or timezone.now()
    tended = Q(status=Issue.Status.SCHEDULED, scheduled_at__lte=now)
    return bool(Issue.objects.filter(tended | Q(status=Issue.Status.SENDING)).exists())


def tend(now: datetime | None = None) -> None:
    """The periodic sweep: start due scheduled issues, recover rows of dead workers,
    restart stalled or idle chains when work is due, and close finished sends."""
    now = now or timezone.now()
    for issue in Issue.objects.filter(status=Issue.Status.SCHEDULED, scheduled_at__lte=now):
        start_sending(issue)
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        recover_expired(issue_id, now)
        if not finish_if_done(issue_id, now):
            _revive_slots(issue_id, now)


def _revive_slots(issue_id: int, now: datetime, force: bool = False) -> int:
    """Start a new chain in every slot whose chain is idle or presumed dead, if work is due."""
    if not force and not _has_due_work(issue_id, now):
        return 0
    stale = now - timedelta(seconds=settings.NEWSLETTERS_LEASE_SECONDS)
    started = 0
    for slot in SendSlot.objects.filter(issue_id=issue_id).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale)
    ):
        # Compare-and-set on the generation: two sweeps (or a sweep and "send now") that see
        # the same stale slot start one chain, not two.
        won = SendSlot.objects.filter(pk=slot.pk, generation=slot.generation).update(
            generation=slot.generation + 1, heartbeat_at=now
        )
        if won:
            send_batch.enqueue(issue_id, slot.slot, slot.generation + 1)
            started += 1
    return started


def _has_due_work(issue_id: int, now: datetime) -> bool:
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).first()
    if issue is None or (issue.outage_until and issue.outage_until > now):
        return False
    return due(issue_id, now).exists()


def recover_expired(issue_id: int, now: datetime) -> None:
    """Return the rows of workers that died (their lease expired) to the send."""
    expired = Delivery.objects.filter(issue_id=issue_id, lease_until__lt=now)
    # A claimed row's final "." was never queued (except in the narrow window of
    # microseconds before its in-flight mark is written), so the server accepted nothing
    # for it: another worker may send it.
    expired.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.PENDING, lease_token="", lease_until=None
    )
    # An in-flight row's "." was queued in the kernel before the mark was written, and the
    # kernel delivers it even when the worker is dead; only the answer went unrecorded. The
    # server has the message, so the row counts as sent and is not resent.
    expired.filter(status=Delivery.Status.IN_FLIGHT).update(
        status=Delivery.Status.SENT,
        sent_at=now,
        last_error=UNKNOWN_OUTCOME,
        lease_token="",
        lease_until=None,
    )


def finish_if_done(issue_id: int, now: datetime) -> bool:
    if Delivery.objects.filter(issue_id=issue_id, status__in=OPEN).exists():
        return False
    Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT, finished_at=now
    )
    return True


def pause(issue: Issue) -> bool:
    """Stop claiming new batches; rows already claimed finish their batch."""
    return bool(
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.PAUSED
        )
    )


def resume(issue: Issue) -> bool:
    resumed = Issue.objects.filter(pk=issue.pk, status=Issue.Status.PAUSED).update(
        status=Issue.Status.SENDING, outage_until=None, outage_count=0
    )
    if resumed:
        SendSlot.objects.filter(issue=issue).update(heartbeat_at=None)
        _revive_slots(issue.pk, timezone.now())
    return bool(resumed)


@dataclass
class BatchResult:
    sent: int = 0
    more: bool = False


def run_batch(issue_id: int, slot: int, generation: int) -> BatchResult:
    """Claim a batch for this chain and send it; `more` asks for a successor task."""
    now = timezone.now()
    recover_expired(issue_id, now)
    beat = SendSlot.objects.filter(issue_id=issue_id, slot=slot, generation=generation)
    if not beat.update(heartbeat_at=now):
        return BatchResult()  # a newer chain owns this slot
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).first()
    if issue is None or (issue.outage_until and issue.outage_until > now):
        beat.update(heartbeat_at=None)
        return BatchResult()
    batch = claim(issue, settings.NEWSLETTERS_BATCH_SIZE, now)
    if not batch.rows:
        beat.update(heartbeat_at=None)
        finish_if_done(issue_id, now)
        return BatchResult()
    batch.heartbeat = beat
    sent = batch.send()
    if batch.outage:
        beat.update(heartbeat_at=None)  # idle: the sweep restarts it when the pause ends
    return BatchResult(sent=sent, more=not batch.outage)


@task()
def send_batch(issue_id: int, slot: int, generation: int) -> int:
    """Send one batch of the issue; enqueue the next batch of this chain while work remains."""
    result = run_batch(issue_id, slot, generation)
    if result.more:
        send_batch.enqueue(issue_id, slot, generation)
    return result.sent


def status_counts(issue_id: int) -> dict[str, int]:
    rows = (
        Delivery.objects.filter(issue_id=issue_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {status: 0 for status in Delivery.Status.values}
    counts.update(dict(rows))
    return counts
