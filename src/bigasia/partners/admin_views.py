"""The exchange report: clicks sent and items shown, per partner per day."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import PartnerDailyStat
from .stats import today

REPORT_DAYS = 30


def exchange_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("feeds.view_feedsource"):
        raise PermissionDenied
    since = today() - timedelta(days=REPORT_DAYS)
    rows = PartnerDailyStat.objects.filter(day__gte=since).select_related("source")
    return render(
        request,
        "partners/admin/exchange_report.html",
        {"rows": rows, "page_title": _("Partners' exchange"), "days": REPORT_DAYS},
    )
