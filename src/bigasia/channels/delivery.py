"""Running one Delivery: claim its (article, channel) pair, call the transport, record the end.

Exactly once, and where it stops. The delivery is marked in flight (committed) before the
API call and marked done after it, so a worker killed in between leaves a row in flight
whose lease runs out: the post may or may not exist. What then happens depends on the
channel. Where repeating a publish cannot make a second post (VK's `guid`, pings; the
transport says so with `publish_repeat_safe`), and for updates and withdrawals, which are
idempotent by nature, the engine simply repeats the call. The Telegram Bot API has no
idempotency key and no way for a bot to read its channel back, so there an in-flight publish
with an unknown outcome becomes UNKNOWN ("needs a check") in the delivery log: a person
looks at the channel and retries it from the log if the post is missing. The engine never
posts twice on its own; the price is a manual check after a crash at the worst moment.

Threads. Each worker runs deliveries in several threads (CHANNELS_WORKER_THREADS), beside the
other workers' threads. Nothing here is shared between threads but the database: each thread
has its own connection, transport and HTTP session, so every claim below holds between two
threads of one worker exactly as between two workers. The races, and what settles each:
- one delivery run twice at once (its task and the sweep's copy, on two threads): the pair's
  compare-and-set lease in `_claim_pair`; the loser returns at once;
- two versions of one article for one channel (a story and its correction seconds apart):
  the same lease, so one talks to the channel and the other waits for the sweep;
- a lease that runs out under a live thread (a delivery slower than CHANNELS_LEASE_SECONDS,
  waits for a busy SQLite included): the next thread takes the row as a dead worker's, with
  the "needs a check" rule for Telegram; `_release_pair` frees only its own token.
"""

import logging
import os
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ArticleChannel, Delivery
from .posts import build_post
from .providers.base import (
    ChannelTransport,
    PermanentFailure,
    Posted,
    RetryLater,
    transport_class,
)

logger = logging.getLogger(__name__)
ACTIVE = (Delivery.State.PENDING, Delivery.State.RETRY, Delivery.State.IN_FLIGHT)
S = Delivery.State


def due(now: datetime) -> Q:
    """Rows a worker should run now: new or retrying ones whose time came, and in-flight
    ones whose worker's lease ran out (it died)."""
    return Q(state__in=[S.PENDING, S.RETRY], next_try_at__lte=now) | Q(
        state=S.IN_FLIGHT, lease_until__lt=now
    )


def _lease() -> timedelta:
    # Longer than one delivery's HTTP calls together (VK makes four), so a live lease never
    # runs out under its worker.
    return timedelta(seconds=settings.CHANNELS_LEASE_SECONDS)


def _claim_pair(delivery: Delivery) -> str | None:
    token = secrets.token_hex(8)
    now = timezone.now()
    # Compare-and-set on the pair's lease: the task enqueued at publish, the sweep's copy
    # of it and the task of a newer version of the same article may run at once on two
    # workers or two threads of one; only one UPDATE matches (each thread's own connection,
    # a single statement, atomic on SQLite and PostgreSQL alike), so one talks to the channel.
    won = (
        ArticleChannel.objects.filter(page_id=delivery.page_id, channel_id=delivery.channel_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_token=token, lease_until=now + _lease())
    )
    return token if won else None


def _release_pair(delivery: Delivery, token: str) -> None:
    # By token: a thread whose lease ran out must not free the lease another has taken since.
    ArticleChannel.objects.filter(
        page_id=delivery.page_id, channel_id=delivery.channel_id, lease_token=token
    ).update(lease_token="", lease_until=None)


def deliver(delivery_id: int) -> str | None:
    """Run one delivery if it is due and its pair is free; returns the state it ended in."""
    delivery = Delivery.objects.select_related("channel").filter(pk=delivery_id).first()
    if delivery is None or delivery.state not in ACTIVE:
        return None
    token = _claim_pair(delivery)
    if token is None:
        return None  # another delivery of this pair runs; the sweep brings this one back
    try:
        delivery.refresh_from_db()  # as it is now that we hold the pair
        if not Delivery.objects.filter(due(timezone.now()), pk=delivery.pk).exists():
            return None
        return _run(delivery)
    finally:
        _release_pair(delivery, token)


def _run(delivery: Delivery) -> str:
    choice = ArticleChannel.objects.get(page_id=delivery.page_id, channel_id=delivery.channel_id)
    transport = _transport(delivery)
    if _newer_exists(delivery):
        return _finish(delivery, S.SUPERSEDED)
    action = _action(delivery, choice)
    unsafe = action == Delivery.Action.PUBLISH and not _repeat_safe(delivery)
    if delivery.state == S.IN_FLIGHT and unsafe:
        return _finish(delivery, S.UNKNOWN, error=_(
            "The worker stopped during the call to the channel: the post may or may not "
            "exist. Check the channel; retry only if the post is missing."
        ))  # fmt: skip
    if unsafe and _unresolved_unknown(delivery):
        return _finish(delivery, S.UNKNOWN, error=_(
            "An earlier post of this article needs a check: posting now could post it twice."
        ))  # fmt: skip
    _mark_in_flight(delivery, action)
    try:
        if transport is None:
            raise PermanentFailure(_("The environment variable %(name)s is not set.")
                                   % {"name": delivery.channel.secret_env})  # fmt: skip
        posted = _call(transport, delivery, choice, action)
    except RetryLater as exc:
        return _attempt_failed(delivery, str(exc), exc.retry_after)
    except PermanentFailure as exc:
        return _finish(delivery, S.FAILED, error=str(exc))
    except Exception as exc:  # a bug or an odd answer: retried, never lost
        logger.exception("channel delivery %s failed unexpectedly", delivery.pk)
        return _attempt_failed(delivery, f"{type(exc).__name__}: {exc}", None)
    return _succeeded(delivery, choice, action, posted)


def _transport(delivery: Delivery) -> ChannelTransport | None:
    channel = delivery.channel
    secret = os.environ.get(channel.secret_env, "") if channel.secret_env else ""
    if channel.secret_env and not secret:
        return None
    return transport_class(channel.kind)(
        channel.options, secret=secret, timeout=settings.CHANNELS_HTTP_TIMEOUT
    )


def _repeat_safe(delivery: Delivery) -> bool:
    # A ping (a channel that carries no text) makes no post: repeating it is harmless.
    transport = transport_class(delivery.channel.kind)
    return transport.publish_repeat_safe or not transport.carries_text


def _newer_exists(delivery: Delivery) -> bool:
    """A newer version of the article for this channel carries the newest content (or its
    withdrawal); running this one after it would put an old text back."""
    return (
        Delivery.objects.filter(page_id=delivery.page_id, channel_id=delivery.channel_id)
        .filter(pk__gt=delivery.pk)
        .exclude(state=S.SUPERSEDED)
        .exists()
    )


def _unresolved_unknown(delivery: Delivery) -> bool:
    return Delivery.objects.filter(
        page_id=delivery.page_id, channel_id=delivery.channel_id, state=S.UNKNOWN
    ).exists()


def _action(delivery: Delivery, choice: ArticleChannel) -> str:
    if delivery.action == Delivery.Action.WITHDRAW:
        return Delivery.Action.WITHDRAW
    return Delivery.Action.UPDATE if choice.remote_id else Delivery.Action.PUBLISH


def _mark_in_flight(delivery: Delivery, action: str) -> None:
    """Committed before the call: if the worker dies during it, the row says so."""
    delivery.state = S.IN_FLIGHT
    delivery.action = action
    delivery.attempts += 1
    delivery.lease_until = timezone.now() + _lease()
    delivery.save(update_fields=["state", "action", "attempts", "lease_until", "updated_at"])


def _call(
    transport: ChannelTransport, delivery: Delivery, choice: ArticleChannel, action: str
) -> Posted:
    if not choice.post_key:
        choice.post_key = f"bigasia-{delivery.page_id}-{delivery.pk}"
        choice.save(update_fields=["post_key"])
    post = build_post(delivery.page.specific, choice.post_key, delivery.text)
    previous = Posted(remote_id=choice.remote_id, link=choice.link)
    if action == Delivery.Action.PUBLISH:
        return transport.publish(post)
    if action == Delivery.Action.UPDATE:
        return transport.update(post, previous)
    transport.withdraw(post, previous)  # an empty previous.remote_id: nothing was posted
    return Posted()


def _succeeded(delivery: Delivery, choice: ArticleChannel, action: str, posted: Posted) -> str:
    with transaction.atomic():
        if action == Delivery.Action.WITHDRAW:
            ArticleChannel.objects.filter(pk=choice.pk).update(remote_id="", link="", post_key="")
            return _finish(delivery, S.WITHDRAWN)
        if posted.remote_id:
            ArticleChannel.objects.filter(pk=choice.pk).update(
                remote_id=posted.remote_id, link=posted.link
            )
        return _finish(delivery, S.DONE, remote_id=posted.remote_id, link=posted.link)


def _attempt_failed(delivery: Delivery, error: str, retry_after: float | None) -> str:
    if delivery.attempts >= delivery.channel.max_attempts:
        return _finish(delivery, S.FAILED, error=error)
    backoff = min(
        settings.CHANNELS_RETRY_SECONDS * 2 ** (delivery.attempts - 1),
        settings.CHANNELS_RETRY_MAX_SECONDS,
    )
    # The channel's own hint wins when it asks for longer: retrying earlier only earns
    # another 429 (and, at Telegram, a longer ban).
    delay = max(backoff, retry_after or 0)
    return _finish(
        delivery, S.RETRY, error=error, next_try_at=timezone.now() + timedelta(seconds=delay)
    )


def _finish(delivery: Delivery, state: str, **fields: object) -> str:
    fields.setdefault("error", "")
    error = str(fields.pop("error"))[:2000]
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state, last_error=error, lease_until=None, updated_at=timezone.now(), **fields
    )
    log = logger.warning if state in (S.FAILED, S.UNKNOWN) else logger.info
    log("channel delivery %s (%s): %s %s", delivery.pk, delivery.channel, state, error)
    return state
