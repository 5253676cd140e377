"""Newsletters, their subscribers and consents, issues and one delivery row per
(issue, subscriber).

The delivery row is the unit of exactly-once sending: it is created when an issue starts
sending, claimed by a worker with a conditional UPDATE (lease), and marked before and after
the SMTP transaction (docs/newsletters.md explains the states and the one window where the
outcome cannot be known).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

# A subject or name goes into a mail header: a line break there would start a new header.
one_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Line breaks and control characters are not allowed here."),
)


# The issues relation comes from Issue, a ClusterableModel (untyped): the plugin cannot follow it.
class Newsletter(models.Model):  # type: ignore[django-manager-missing]
    class Cadence(models.TextChoices):
        MANUAL = "manual", _("When editors send it")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    name = models.CharField(_("name"), max_length=120, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    description = models.CharField(_("description"), max_length=300, blank=True)
    cadence = models.CharField(
        _("cadence"), max_length=16, choices=Cadence.choices, default=Cadence.MANUAL
    )
    is_public = models.BooleanField(
        _("offered to readers"), default=True, help_text=_("Shown in the subscription box.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["language", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        SUPPRESSED = "suppressed", _("Suppressed")

    class Suppression(models.TextChoices):
        NONE = "", _("Not suppressed")
        HARD_BOUNCE = "hard-bounce", _("Hard bounce")
        COMPLAINT = "complaint", _("Spam complaint")
        OPERATOR = "operator", _("Suppressed by an operator")

    # Stored normalised (domain lower-cased and in IDNA form) so one person is one row.
    email = models.EmailField(_("email"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    suppression = models.CharField(
        _("suppression reason"), max_length=16, choices=Suppression.choices, blank=True
    )
    # Rotated on every confirmation and preference change: signed links carry it, so a
    # used confirmation link or an old preference link stops working.
    token_nonce = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Which issue's link (or one-click header) ended it, for the per-issue figures.
    unsubscribed_from_issue = models.ForeignKey(
        "Issue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Not stored: the issue whose link an unsubscription came from (subscriptions.py).
    from_issue_id: int | None

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="unique_subscription")
        ]
        indexes = [models.Index(fields=["newsletter", "active"], name="subscription_active")]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.newsletter_id}"


class Consent(models.Model):
    """What the reader agreed to, word for word, when and from where (personal-data law
    asks the sender to prove consent)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(max_length=16)  # "subscribe", "confirm", "preferences"
    text = models.TextField()
    text_version = models.CharField(max_length=32)
    newsletters = models.CharField(max_length=500)  # slugs, comma-separated, as asked
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.action} {self.given_at:%Y-%m-%d %H:%M}"


class Issue(ClusterableModel):  # type: ignore[misc]  # modelcluster ships no types
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    newsletter = models.ForeignKey(
        Newsletter, verbose_name=_("newsletter"), on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(_("subject"), max_length=200, validators=[one_line])
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The delivery engine's pause after the mail server could not be reached: until when,
    # and how many outages in a row (the back-off doubles with each).
    outage_until = models.DateTimeField(null=True, blank=True, editable=False)
    outage_count = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject  # type: ignore[no-any-return]  # a field on an untyped base


class IssueArticle(Orderable):  # type: ignore[misc]  # Wagtail ships no types
    """The stories of an issue, in the editor's order (an inline of the issue composer)."""

    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("issue story")
        verbose_name_plural = _("issue stories")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="unique_issue_article")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}#{self.sort_order}"


class Delivery(models.Model):
    """One message of one issue to one subscriber.

    pending → claimed (a worker's lease) → in-flight (written just before the end of DATA)
    → sent | failed; a 4xx or a dropped connection returns it to pending with a later
    retry time. The subscriber may be deleted mid-send: the row keeps the address it was
    created for, and the sender skips it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        CLAIMED = "claimed", _("Claimed by a worker")
        IN_FLIGHT = "in-flight", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed permanently")
        SKIPPED = "skipped", _("Skipped")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="unique_delivery")
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.email}"


class MailEvent(models.Model):
    """What happened after sending, reported by the ESP's webhooks or our own endpoints:
    the per-issue bounce, complaint and unsubscribe figures and their chart."""

    class Kind(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mail event")
        verbose_name_plural = _("mail events")
        indexes = [models.Index(fields=["issue", "kind"], name="mail_event_issue_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class SendWindow(models.Model):
    """The shared send-rate budget when there is no Redis: one row per limiter, holding the
    current one-second window and how many messages workers have taken from it."""

    name = models.CharField(max_length=64, unique=True)
    window = models.BigIntegerField(default=0)
    used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("send window")
        verbose_name_plural = _("send windows")

    def __str__(self) -> str:
        return f"{self.name}@{self.window}: {self.used}"


class SendSlot(models.Model):
    """One of an issue's parallel chains of batch tasks.

    A chain is a batch task that enqueues its successor while work remains. A worker killed
    mid-batch ends its chain; the sweep notices the slot's stale heartbeat and starts a new
    chain under a new generation, and a chain whose generation is no longer current stops at
    its next claim, so a slot never runs two chains for long.
    """

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="send_slots")
    slot = models.PositiveSmallIntegerField()
    generation = models.PositiveIntegerField(default=0)
    # None while the chain is idle (it found no due work and stopped by itself).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("send slot")
        verbose_name_plural = _("send slots")
        constraints = [models.UniqueConstraint(fields=["issue", "slot"], name="unique_send_slot")]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.slot} gen {self.generation}"


class OutgoingMail(models.Model):
    """One transactional mail (a confirmation, a preferences link, an editor's test) waiting
    for, or done with, the task queue: requests store it here and never talk to the mail
    server themselves (bigasia.newsletters.mailqueue).

    pending → sending (a worker's lease) → sent | failed; a failed attempt returns it to
    pending with a later next_try_at. At most one readers' mail of a kind per address is
    open (pending or sending) at a time, which is what the per-address window builds on.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Subscription confirmation")
        PREFERENCES = "preferences", _("Link to subscription settings")
        TEST = "test", _("Test copy of an issue")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed permanently")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The address's canonical form (no +tag) for readers' mails, "" for editors' tests.
    window_key = models.CharField(max_length=254, blank=True)
    to_email = models.EmailField(max_length=254)
    from_email = models.CharField(max_length=300)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict)  # Message-ID among them: kept across retries
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField()
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        constraints = [
            models.UniqueConstraint(
                fields=["window_key", "kind"],
                condition=models.Q(status__in=["pending", "sending"]) & ~models.Q(window_key=""),
                name="one_open_mail_per_address",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_try_at"], name="outgoing_mail_due"),
            models.Index(fields=["window_key", "kind", "sent_at"], name="outgoing_mail_window"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.status})"
