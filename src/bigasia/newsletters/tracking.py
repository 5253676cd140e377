"""ESP tracking webhooks (django-anymail): bounces, complaints and unsubscribes become
MailEvents; a hard bounce or a complaint suppresses the address from every future send.

anymail parses each ESP's webhook format into one AnymailTrackingEvent and sends its
`tracking` signal; the webhook URLs are under /newsletters/esp/ (bigasia/urls.py).
"""

import logging
from typing import Any

from anymail.signals import AnymailTrackingEvent, EventType, RejectReason, tracking
from django.dispatch import receiver

from .models import Delivery, MailEvent, Subscriber, Subscription
from .subscriptions import suppress

logger = logging.getLogger(__name__)

KINDS = {
    EventType.BOUNCED: MailEvent.Kind.BOUNCED,
    EventType.REJECTED: MailEvent.Kind.BOUNCED,
    EventType.COMPLAINED: MailEvent.Kind.COMPLAINED,
    EventType.UNSUBSCRIBED: MailEvent.Kind.UNSUBSCRIBED,
    EventType.DELIVERED: MailEvent.Kind.DELIVERED,
}


@receiver(tracking, dispatch_uid="bigasia-newsletters-tracking")
def record_tracking_event(
    sender: object, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any
) -> None:
    kind = KINDS.get(event.event_type)
    if kind is None:
        return  # opens, clicks, deferrals: not figures we keep
    delivery = _delivery(event)
    subscriber_id = delivery.subscriber_id if delivery else _subscriber_id(event.recipient)
    issue_id = delivery.issue_id if delivery else None
    detail = f"{esp_name}: {event.mta_response or event.description or event.event_type}"
    MailEvent.objects.create(
        issue_id=issue_id, subscriber_id=subscriber_id, kind=kind, detail=detail[:500]
    )
    if subscriber_id is None:
        logger.info("%s event for an unknown address ignored", event.event_type)
        return
    if kind == MailEvent.Kind.COMPLAINED:
        suppress(subscriber_id, Subscriber.Suppression.COMPLAINT)
    elif _hard_bounce(event):
        suppress(subscriber_id, Subscriber.Suppression.HARD_BOUNCE)
    elif kind == MailEvent.Kind.UNSUBSCRIBED and delivery is not None:
        Subscription.objects.filter(
            subscriber_id=subscriber_id, newsletter__issues=delivery.issue_id
        ).update(active=False, unsubscribed_from_issue_id=delivery.issue_id)


def _hard_bounce(event: AnymailTrackingEvent) -> bool:
    """A permanent refusal. ESPs that report soft bounces as "bounced" give a 4xx MTA
    response with them; those are recorded but do not suppress."""
    if event.event_type == EventType.BOUNCED:
        return not (event.mta_response or "").lstrip().startswith("4")
    return event.event_type == EventType.REJECTED and event.reject_reason in (
        RejectReason.BOUNCED,
        RejectReason.INVALID,
    )


def _delivery(event: AnymailTrackingEvent) -> Delivery | None:
    """The delivery named in the metadata the engine attached to the message."""
    try:
        pk = int((event.metadata or {}).get("delivery", ""))
    except (TypeError, ValueError):
        return None
    return Delivery.objects.filter(pk=pk).first()


def _subscriber_id(address: str | None) -> int | None:
    if not address:
        return None
    return (
        Subscriber.objects.filter(email__iexact=address.strip())
        .values_list("pk", flat=True)
        .first()
    )
