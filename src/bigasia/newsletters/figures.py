"""Per-issue figures for the admin: live progress during a send, outcomes after it."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMinute
from django.utils import timezone

from .lifecycle import status_counts
from .models import Delivery, Issue, MailEvent, Subscription

RATE_WINDOW = timedelta(seconds=60)


@dataclass(frozen=True)
class Progress:
    status: str
    sent: int
    failed: int
    skipped: int
    remaining: int
    total: int
    per_second: float
    eta_seconds: int | None
    paused_until: str | None

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def progress(issue: Issue) -> Progress:
    counts = status_counts(issue.pk)
    remaining = sum(counts[s] for s in ("pending", "claimed", "in-flight"))
    since = timezone.now() - RATE_WINDOW
    recent = Delivery.objects.filter(
        issue=issue, status=Delivery.Status.SENT, sent_at__gte=since
    ).count()
    per_second = recent / RATE_WINDOW.total_seconds()
    eta = round(remaining / per_second) if per_second and remaining else None
    return Progress(
        status=issue.status,
        sent=counts["sent"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        remaining=remaining,
        total=sum(counts.values()),
        per_second=round(per_second, 1),
        eta_seconds=eta,
        paused_until=issue.outage_until.isoformat() if issue.outage_until else None,
    )


def outcomes(issue: Issue) -> dict[str, int]:
    """Delivered, bounced, complained and unsubscribed for one issue."""
    events = dict(
        MailEvent.objects.filter(issue=issue).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    return {
        "sent": status_counts(issue.pk)["sent"],
        "bounced": events.get(MailEvent.Kind.BOUNCED, 0),
        "complained": events.get(MailEvent.Kind.COMPLAINED, 0),
        "unsubscribed": Subscription.objects.filter(unsubscribed_from_issue=issue).count(),
    }


def sends_per_minute(issue: Issue) -> list[tuple[str, int]]:
    """[(HH:MM, messages)] over the send, for the chart."""
    rows = (
        Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT, sent_at__isnull=False)
        .annotate(minute=TruncMinute("sent_at"))
        .values_list("minute")
        .annotate(n=Count("pk"))
        .order_by("minute")
    )
    return [(timezone.localtime(minute).strftime("%d.%m %H:%M"), n) for minute, n in rows]
