"""Wagtail admin: an article's views over time, and the site-wide top articles with CSV."""

import csv
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .charts import daily_chart, hourly_chart
from .counts import view_counts
from .models import ArticleViews, DailyViews

PERIODS = {"day": 1, "week": 7, "month": 30, "all": None}
TOP_ROWS = 100


def page_views(request: HttpRequest, page_id: int) -> TemplateResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "readership/admin/page_views.html",
        {
            "page": page,
            "total": view_counts([page.pk])[page.pk],
            "daily": daily_chart(page.pk),
            "hourly": hourly_chart(page.pk),
        },
    )


def top_rows(period: str) -> list[tuple[Page, int]]:
    days = PERIODS.get(period)
    ranked: QuerySet[Any, tuple[int, int]]
    if days is None:
        ranked = ArticleViews.objects.order_by("-views").values_list("page_id", "views")
    else:
        since = (timezone.now() - timedelta(days=days)).date()
        ranked = (
            DailyViews.objects.filter(day__gte=since)
            .values("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total")
            .values_list("page_id", "total")
        )
    top = list(ranked[:TOP_ROWS])
    pages = Page.objects.select_related("locale").in_bulk([page_id for page_id, _ in top])
    return [(pages[page_id], views) for page_id, views in top if page_id in pages]


def top_articles(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", "week")
    if period not in PERIODS:
        period = "week"
    rows = top_rows(period)
    if request.GET.get("format") == "csv":
        return _csv(rows, period)
    return TemplateResponse(
        request,
        "readership/admin/top_articles.html",
        {"rows": rows, "period": period, "periods": list(PERIODS)},
    )


def _csv(rows: list[tuple[Page, int]], period: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="top-articles-{period}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Page id"), _("Title"), _("Language"), _("URL"), _("Views")])
    for page, views in rows:
        writer.writerow([page.pk, page.title, page.locale.language_code, page.url_path, views])
    return response
