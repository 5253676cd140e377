from django.db import models
from django.utils.translation import gettext_lazy as _

from bigasia.feeds.models import FeedSource


class PartnerDailyStat(models.Model):
    """The exchange balance with one partner on one day: clicks we sent, items we showed."""

    source = models.ForeignKey(
        FeedSource, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="daily"
    )
    day = models.DateField(_("day"))
    clicks = models.PositiveIntegerField(_("clicks sent"), default=0)
    impressions = models.PositiveIntegerField(_("items shown"), default=0)

    class Meta:
        verbose_name = _("partner's daily statistics")
        verbose_name_plural = _("partners' daily statistics")
        ordering = ["-day", "source__name"]
        constraints = [models.UniqueConstraint(fields=["source", "day"], name="unique_partner_day")]

    def __str__(self) -> str:
        return f"{self.source} {self.day}"
