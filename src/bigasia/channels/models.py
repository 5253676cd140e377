"""Channels as configured in the admin, the editors' choices per article, and one Delivery row
per (article, channel, version): the task, its lease and its log line at once."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .providers.base import PROVIDERS

KIND_LABELS = {
    "telegram": _("Telegram channel"),
    "vk": _("VK community wall"),
    "indexnow": _("IndexNow (Yandex, Bing)"),
    "websub": _("WebSub hub"),
}
ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _validate_env_name(value: str) -> None:
    if value and not ENV_NAME.match(value):
        raise ValidationError(
            _("Name an environment variable: capital Latin letters, digits and underscores.")
        )


def _validate_options(value: object) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    ):
        raise ValidationError(
            _('Options are a JSON object of texts, for example {"chat_id": "@bigasia"}.')
        )


class Channel(models.Model):
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(kind, KIND_LABELS[kind]) for kind in PROVIDERS]
    )
    name = models.CharField(_("name"), max_length=100)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only articles in this language go to the channel."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    options = models.JSONField(
        _("options"),
        default=dict,
        blank=True,
        validators=[_validate_options],
        help_text=_(
            "The channel's settings as a JSON object: API base URL, chat id, community id, "
            "hub URL… (docs/channels.md lists each kind's keys). Never a token."
        ),
    )
    secret_env = models.CharField(
        _("environment variable of the secret"),
        max_length=100,
        blank=True,
        validators=[_validate_env_name],
        help_text=_(
            "The NAME of the environment variable that holds the token or key, for example "
            "TELEGRAM_BOT_TOKEN. Secrets are never stored in the database."
        ),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts before failing"), default=5, help_text=_("From 1 to 20.")
    )
    sections = models.ManyToManyField(
        "articles.SectionPage",
        verbose_name=_("default for sections"),
        blank=True,
        related_name="+",
        help_text=_("Articles of these sections (and of the sections below them) go here "
                    "unless the editor chooses otherwise."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("publishing channel")
        verbose_name_plural = _("publishing channels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not 1 <= self.max_attempts <= 20:
            raise ValidationError({"max_attempts": _("From 1 to 20.")})


class ArticleChannel(models.Model):
    """What the editor chose for one article in one channel, and the post it made there.

    The row is also the lock of the pair: deliveries of one article to one channel run one
    at a time under its lease, so a quick correction after publishing cannot post twice
    while the first post is still on its way."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="articles")
    send = models.BooleanField(_("send"), default=True)
    text = models.TextField(_("text of the post"), blank=True)
    withdraw_on_unpublish = models.BooleanField(_("delete the post on unpublishing"), default=False)
    post_key = models.CharField(max_length=80, blank=True)
    remote_id = models.CharField(max_length=200, blank=True)
    link = models.URLField(max_length=500, blank=True)
    lease_token = models.CharField(max_length=16, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "channel"], name="channels_one_choice_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.page_id}"


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        IN_FLIGHT = "in_flight", _("in flight")
        DONE = "done", _("done")
        RETRY = "retry", _("waiting to retry")
        FAILED = "failed", _("failed")
        UNKNOWN = "unknown", _("needs a check")
        WITHDRAWN = "withdrawn", _("withdrawn")
        SUPERSEDED = "superseded", _("replaced by a newer version")

    class Action(models.TextChoices):
        PUBLISH = "publish", _("post")
        UPDATE = "update", _("update")
        WITHDRAW = "withdraw", _("withdraw")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    version = models.CharField(max_length=40)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    text = models.TextField(blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_try_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    remote_id = models.CharField(max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    last_error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "channel", "version"], name="channels_one_delivery_per_version"
            )
        ]
        indexes = [models.Index(fields=["state", "next_try_at"], name="channels_due")]

    def __str__(self) -> str:
        return f"{self.channel} {self.version}: {self.state}"
