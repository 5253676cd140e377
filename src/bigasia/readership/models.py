"""View counts: one total per article, plus hourly and daily buckets for "most read" and charts.

Foreign keys carry no database constraint: a flush must never fail because a page was deleted
between the beacon and the batch write. Deleting a page still cascades through the ORM.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def _page_link(**options: Any) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
        **options,
    )


class ArticleViews(models.Model):
    """The total shown to readers: `imported` (historic, from CSV) plus every counted view."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        db_constraint=False,
        primary_key=True,
        related_name="readership",
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)
    imported = models.PositiveBigIntegerField(_("imported views"), default=0)

    class Meta:
        verbose_name = _("article views")
        verbose_name_plural = _("views of articles")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class ViewsBucket(models.Model):
    """Views of one article in one period; subclasses name the period's field."""

    page = _page_link(db_index=False)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True


class HourlyViews(ViewsBucket):
    """Views of one article in one UTC hour; kept READERSHIP_HOURLY_KEEP_DAYS days."""

    hour = models.DateTimeField()

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views of articles")
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="readership_hourly_page_hour")
        ]
        # "Most read in this language since …" reads only this index (covering on PostgreSQL).
        indexes = [
            models.Index(
                fields=["locale", "hour"], include=["page", "views"], name="readership_hourly_top"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class DailyViews(ViewsBucket):
    """Views of one article in one UTC day; kept for ever (the roll-up of hourly buckets)."""

    day = models.DateField()

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views of articles")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="readership_daily_page_day")
        ]
        indexes = [
            models.Index(
                fields=["locale", "day"], include=["page", "views"], name="readership_daily_top"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.day}: {self.views}"


class MostReadRanking(models.Model):
    """The ranked top of one language and window ("day" or "week"), as the periodic job
    `rank_most_read` last computed it from the buckets: one row read by its key instead of
    an aggregation over every bucket of the window on each request."""

    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    window = models.CharField(max_length=8)
    computed_at = models.DateTimeField()
    # [[page id, views], ...] best first; at most mostread.RANKING_SIZE entries.
    entries = models.JSONField(default=list)

    class Meta:
        verbose_name = _("most read ranking")
        verbose_name_plural = _("most read rankings")
        constraints = [
            models.UniqueConstraint(fields=["locale", "window"], name="readership_ranking_key")
        ]

    def __str__(self) -> str:
        return f"{self.locale_id}/{self.window} @ {self.computed_at:%Y-%m-%d %H:%M}"


class MovedBatch(models.Model):
    """Receipts of Redis batches already written to the database, so a batch whose Redis key
    survived a crash between the database commit and the key's deletion is not added twice."""

    key = models.CharField(max_length=100, unique=True)
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moved batch")
        verbose_name_plural = _("moved batches")

    def __str__(self) -> str:
        return self.key
