""" "Most read" in one language over the last 24 hours or 7 days, from the time buckets.

The 24-hour list sums the last 24 hourly buckets, the 7-day list the last 7 daily buckets
plus today's; both read only the (locale, time) index, so their cost follows the number of
articles read in the window, not the size of the archive. Results are cached.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from bigasia.articles.models import ArticlePage

from .models import DailyViews, HourlyViews

WINDOWS = ("day", "week")


@dataclass(frozen=True)
class MostRead:
    title: str
    url: str
    views: int


def top_page_views(locale_id: int, window: str, limit: int) -> list[tuple[int, int]]:
    """[(page id, views)] best first, for the window "day" (24 h) or "week" (7 days)."""
    now = timezone.now()
    if window == "day":
        since = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=23)
        rows = HourlyViews.objects.filter(locale_id=locale_id, hour__gte=since)
    else:
        rows = DailyViews.objects.filter(
            locale_id=locale_id, day__gte=(now - timedelta(days=7)).date()
        )
    totals = rows.values("page_id").annotate(total=Sum("views")).order_by("-total", "-page_id")
    # A few spare rows: some top pages may have been unpublished since.
    return [(row["page_id"], row["total"]) for row in totals[: limit + 5]]


def most_read(locale_id: int, window: str, limit: int = 5) -> list[MostRead]:
    key = f"readership:most-read:{locale_id}:{window}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    ranked = top_page_views(locale_id, window, limit)
    pages = ArticlePage.objects.live().in_bulk([page_id for page_id, _ in ranked])
    entries = [
        MostRead(pages[page_id].title, pages[page_id].get_url(), views)
        for page_id, views in ranked
        if page_id in pages
    ][:limit]
    cache.set(key, entries, settings.READERSHIP_MOST_READ_CACHE_SECONDS)
    return entries
