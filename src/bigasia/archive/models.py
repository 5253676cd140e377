"""What an import remembers: its runs, what each source item became, and the problems met.

A re-run finds a post's page through ImportedItem (keyed by the source's GUID or id), so it
updates instead of duplicating; the content hash tells it when nothing changed at all.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A run still "running" this long after its last post was most likely killed.
STALE_AFTER = timedelta(minutes=10)
COUNTS = ("imported", "updated", "unchanged", "skipped", "failed")


class ImportRun(models.Model):
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    STATES = [(RUNNING, _("running")), (FINISHED, _("finished")), (FAILED, _("failed"))]

    kind = models.CharField(_("format"), max_length=20)
    source = models.CharField(_("file or address"), max_length=1000)
    options = models.JSONField(_("options"), default=dict, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=STATES, default=RUNNING)
    message = models.TextField(_("message"), blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.source}"

    @property
    def interrupted(self) -> bool:
        """Still marked running, but silent for long: the process was stopped or killed."""
        return self.state == self.RUNNING and timezone.now() - self.updated_at > STALE_AFTER

    def state_label(self) -> str:
        if self.interrupted:
            return str(_("interrupted"))
        return str(self.get_state_display())


class ImportedItem(models.Model):
    """A source item and the page it became. `complete` is false when something of it
    (an image) could not be brought in, so a re-run tries again even if the post is the same."""

    kind = models.CharField(_("format"), max_length=20)
    key = models.CharField(_("key in the source"), max_length=500)
    page = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    complete = models.BooleanField(_("complete"), default=True)
    translation_group = models.CharField(
        _("translation group"), max_length=500, blank=True, db_index=True
    )
    run = models.ForeignKey(
        ImportRun, verbose_name=_("last run"), null=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="unique_imported_item_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class ImportProblem(models.Model):
    run = models.ForeignKey(
        ImportRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="problems"
    )
    key = models.CharField(_("key in the source"), max_length=500, blank=True)
    title = models.CharField(_("post title"), max_length=500, blank=True)
    message = models.TextField(_("problem"))
    page = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


class ImportedImage(models.Model):
    """One Wagtail image per distinct file content, however many posts or URLs name it."""

    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("imported image")
        verbose_name_plural = _("imported images")

    def __str__(self) -> str:
        return self.content_hash


class ImportedAuthor(models.Model):
    """The Author snippet a source's author became, per language, found by login or e-mail."""

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    login = models.CharField(_("login"), max_length=200, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    author = models.ForeignKey(
        "articles.Author", verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("imported author")
        verbose_name_plural = _("imported authors")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "login"], condition=~Q(login=""), name="unique_imported_login"
            ),
            models.UniqueConstraint(
                fields=["locale", "email"], condition=~Q(email=""), name="unique_imported_email"
            ),
        ]

    def __str__(self) -> str:
        return self.login or self.email
