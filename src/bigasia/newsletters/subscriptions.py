"""What readers do with their subscriptions: ask, confirm, change, leave.

Double opt-in: asking creates (or finds) the subscriber but no subscription; the mailed
link carries the requested newsletters and the subscriber's nonce, and only following it
creates active subscriptions and marks the address confirmed. The sending engine mails
confirmed subscribers with active subscriptions only, so nothing reaches an unconfirmed
address but the confirmation itself. Asking answers the same whether the address is new,
pending, confirmed or suppressed; the confirmation is queued (bigasia.newsletters.mailqueue),
at most one per address and NEWSLETTER_MAIL_EVERY seconds, and a suppressed address gets none.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from . import tokens
from .mail import absolute_url, confirmation_message, preferences_message
from .mailqueue import queue_reader_mail
from .models import Consent, Issue, MailEvent, Newsletter, OutgoingMail, Subscriber, Subscription

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubscribeRequest:
    email: str  # normalised (addresses.normalise_email)
    name: str
    language: str
    newsletters: list[Newsletter]
    consent_text: str
    consent_version: str
    ip: str | None


def request_subscription(request: SubscribeRequest) -> None:
    subscriber = _find_or_create(request)
    Consent.objects.create(
        subscriber=subscriber,
        action="subscribe",
        text=request.consent_text,
        text_version=request.consent_version,
        newsletters=",".join(n.slug for n in request.newsletters)[:500],
        ip_address=request.ip or None,
    )
    if subscriber.status == Subscriber.Status.SUPPRESSED:
        return  # bounced or complained: nothing more is mailed there, and nothing is said
    confirmed = subscriber.status == Subscriber.Status.CONFIRMED
    language = subscriber.language if confirmed else request.language
    token = tokens.confirm_token(
        subscriber.pk, subscriber.token_nonce, [n.pk for n in request.newsletters]
    )
    with translation.override(language):
        url = settings.SITE_URL + reverse("newsletters:confirm", kwargs={"token": token})
    message = confirmation_message(subscriber.email, language, request.newsletters, url)
    # Queued, never sent from the request: a mail outage must not turn into an error page.
    queue_reader_mail(message, OutgoingMail.Kind.CONFIRM)


def _find_or_create(request: SubscribeRequest) -> Subscriber:
    defaults = {
        "name": request.name,
        "language": request.language,
        "token_nonce": tokens.new_nonce(),
    }
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(
                email=request.email, defaults=defaults
            )
    except IntegrityError:  # two requests for one new address at once
        return Subscriber.objects.get(email=request.email)
    if not created and subscriber.status == Subscriber.Status.PENDING:
        # Nobody confirmed yet: the latest request's name and language are as good as any.
        subscriber.name, subscriber.language = request.name, request.language
        subscriber.save(update_fields=["name", "language"])
    return subscriber


def over_ip_limit(ip: str) -> bool:
    """True once this client address has tried more than its hourly allowance."""
    window = int(time.time() // 3600)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:24]
    key = f"newsletters:ip:{digest}:{window}"
    if cache.add(key, 1, 3601):
        return False
    try:
        return cache.incr(key) > settings.NEWSLETTER_ATTEMPTS_PER_IP_HOUR
    except ValueError:  # expired between add and incr
        return False


class LinkError(Exception):
    """The link is forged, expired or already used."""


def confirm(token: str) -> Subscriber:
    try:
        request = tokens.read_confirm_token(token)
    except tokens.InvalidToken as exc:
        raise LinkError from exc
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=request.subscriber_id).first()
        if subscriber is None or subscriber.token_nonce != request.nonce:
            raise LinkError
        if subscriber.status == Subscriber.Status.SUPPRESSED:
            raise LinkError
        now = timezone.now()
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.token_nonce = tokens.new_nonce()  # this link is now used
        subscriber.save(update_fields=["status", "confirmed_at", "token_nonce"])
        newsletters = list(Newsletter.objects.filter(pk__in=request.newsletter_ids))
        for newsletter in newsletters:
            Subscription.objects.update_or_create(
                subscriber=subscriber,
                newsletter=newsletter,
                defaults={"active": True, "unsubscribed_at": None, "unsubscribed_from_issue": None},
            )
        _record_consent(subscriber, "confirm", newsletters, ip=None)
    return subscriber


def _record_consent(
    subscriber: Subscriber, action: str, newsletters: list[Newsletter], ip: str | None
) -> None:
    """Confirmation and changes refer to the words the reader agreed to when asking."""
    asked = subscriber.consents.filter(action="subscribe").order_by("-given_at", "-pk").first()
    Consent.objects.create(
        subscriber=subscriber,
        action=action,
        text=asked.text if asked else "",
        text_version=asked.text_version if asked else "",
        newsletters=",".join(n.slug for n in newsletters)[:500],
        ip_address=ip or None,
    )


@dataclass(frozen=True)
class Unsubscribed:
    newsletter: Newsletter
    subscriber: Subscriber
    changed: bool  # False when it had been done before (a second click, a retried POST)


def read_target(token: str) -> Subscription:
    """The subscription an unsubscribe link names (LinkError when there is none)."""
    try:
        target = tokens.read_unsubscribe_token(token)
    except tokens.InvalidToken as exc:
        raise LinkError from exc
    subscription = (
        Subscription.objects.select_related("newsletter", "subscriber")
        .filter(subscriber_id=target.subscriber_id, newsletter_id=target.newsletter_id)
        .first()
    )
    if subscription is None:  # an editor's test mail, or the subscriber was deleted
        raise LinkError
    subscription.from_issue_id = _existing_issue(target.issue_id)
    return subscription


def unsubscribe(token: str) -> Unsubscribed:
    subscription = read_target(token)
    changed = Subscription.objects.filter(pk=subscription.pk, active=True).update(
        active=False,
        unsubscribed_at=timezone.now(),
        unsubscribed_from_issue_id=subscription.from_issue_id,
    )
    if changed:
        MailEvent.objects.create(
            issue_id=subscription.from_issue_id,
            subscriber=subscription.subscriber,
            kind=MailEvent.Kind.UNSUBSCRIBED,
            detail=subscription.newsletter.slug,
        )
    return Unsubscribed(subscription.newsletter, subscription.subscriber, bool(changed))


def _existing_issue(issue_id: int | None) -> int | None:
    if issue_id and Issue.objects.filter(pk=issue_id).exists():
        return issue_id
    return None


def mail_preferences_link(subscriber: Subscriber) -> None:
    """Queue a fresh, expiring link to the settings, to the subscriber's own address only:
    whoever holds an old mail (or its never-expiring unsubscribe link) gets no further."""
    if subscriber.status == Subscriber.Status.SUPPRESSED:
        return
    token = tokens.preferences_token(subscriber.pk, subscriber.token_nonce)
    url = absolute_url(subscriber.language, "newsletters:preferences", token)
    message = preferences_message(subscriber.email, subscriber.language, url)
    queue_reader_mail(message, OutgoingMail.Kind.PREFERENCES)


def subscriber_for_preferences(token: str) -> Subscriber:
    try:
        subscriber_id, nonce = tokens.read_preferences_token(token)
    except tokens.InvalidToken as exc:
        raise LinkError from exc
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.token_nonce != nonce:
        raise LinkError
    return subscriber


def save_preferences(
    subscriber: Subscriber, chosen: list[Newsletter], language: str, ip: str | None
) -> str:
    """Keep exactly the chosen newsletters active; returns the fresh preferences token."""
    now = timezone.now()
    with transaction.atomic():
        chosen_ids = {n.pk for n in chosen}
        leaving = subscriber.subscriptions.filter(active=True).exclude(newsletter_id__in=chosen_ids)
        for subscription in leaving.select_related("newsletter"):
            MailEvent.objects.create(
                subscriber=subscriber,
                kind=MailEvent.Kind.UNSUBSCRIBED,
                detail=subscription.newsletter.slug,
            )
        leaving.update(active=False, unsubscribed_at=now)
        for newsletter in chosen:
            Subscription.objects.update_or_create(
                subscriber=subscriber,
                newsletter=newsletter,
                defaults={"active": True, "unsubscribed_at": None},
            )
        subscriber.language = language
        subscriber.token_nonce = tokens.new_nonce()
        subscriber.save(update_fields=["language", "token_nonce"])
        _record_consent(subscriber, "preferences", chosen, ip)
    return tokens.preferences_token(subscriber.pk, subscriber.token_nonce)


def suppress(subscriber_id: int, reason: str) -> None:
    """No future send reaches this address (hard bounce, complaint)."""
    Subscriber.objects.filter(pk=subscriber_id).update(
        status=Subscriber.Status.SUPPRESSED, suppression=reason
    )
