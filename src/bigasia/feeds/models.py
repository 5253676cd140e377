"""Feed sources (managed in the Wagtail admin), the items read from them, and leases."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class FeedSource(models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner")
        WIRE = "wire", _("Wire agency")

    class Format(models.TextChoices):
        RSS = "rss", _("RSS or Atom")
        NINJS = "ninjs", _("ninjs (JSON)")

    class Status(models.TextChoices):
        NEW = "new", _("Not polled yet")
        OK = "ok", _("Fetched")
        NOT_MODIFIED = "not-modified", _("Not modified")
        ERROR = "error", _("Error")

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed URL"), max_length=2000)
    website = models.URLField(_("website"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNER)
    feed_format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.RSS
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    poll_interval = models.PositiveIntegerField(
        _("poll interval (seconds)"), default=900, help_text=_("At least 60 seconds.")
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    utm_parameters = models.CharField(
        _("UTM parameters"),
        max_length=300,
        blank=True,
        help_text=_("Added to outbound links, e.g. utm_source=bigasia&utm_medium=partners."),
    )

    status = models.CharField(
        _("last status"), max_length=16, choices=Status.choices, default=Status.NEW, editable=False
    )
    last_success_at = models.DateTimeField(_("last success"), null=True, editable=False)
    last_error_at = models.DateTimeField(_("last error time"), null=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True, editable=False)
    failure_count = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, db_index=True)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    # The lease: whoever set lease_token (with lease_until in the future) is polling.
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("feed_format"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("poll_interval"), FieldPanel("enabled")]),
        FieldPanel("utm_parameters"),
        MultiFieldPanel([FieldPanel("next_poll_at")], heading=_("Schedule")),
    ]

    class Meta:
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.poll_interval < 60:
            raise ValidationError({"poll_interval": _("At least 60 seconds.")})
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise ValidationError({"url": _("Only http and https feeds can be polled.")})


def item_key(guid: str) -> str:
    return hashlib.sha256(guid.encode("utf-8")).hexdigest()


class FeedItem(models.Model):
    """A story read from a source; unique per source by GUID (or link when there is none)."""

    source = models.ForeignKey(
        FeedSource, verbose_name=_("feed source"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.CharField(max_length=64, editable=False)
    guid = models.CharField(max_length=1000)
    link = models.URLField(max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, db_index=True)
    fetched_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_hash = models.CharField(max_length=64, editable=False)
    clicks = models.PositiveIntegerField(_("clicks"), default=0, editable=False)

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="unique_feed_item_per_source")
        ]
        indexes = [models.Index(fields=["source", "-published_at"], name="feed_item_newest")]

    def __str__(self) -> str:
        return self.title


class HostSlot(models.Model):
    """At most FEEDS_PER_HOST_CONCURRENCY polls talk to one host at a time: one row per
    (host, slot), claimed like the source lease."""

    host = models.CharField(max_length=255)
    slot = models.PositiveSmallIntegerField()
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("host slot")
        verbose_name_plural = _("host slots")
        constraints = [models.UniqueConstraint(fields=["host", "slot"], name="unique_host_slot")]

    def __str__(self) -> str:
        return f"{self.host}#{self.slot}"
