""" "Most read" in one language over the last 24 hours or 7 days, from the time buckets.

The 24-hour list sums the last 24 hourly buckets, the 7-day list the last 7 daily buckets
plus today's. Summing a window costs one row per article read in it (tens of thousands on a
busy day), too much for every request, so the periodic job `rank_most_read` sums each window
once a minute and keeps the ranked top `RANKING_SIZE` per language in `MostReadRanking`;
requests read that one row. The answer is the exact sum of the buckets as of the job's last
run. When no ranking is fresh (no worker running, or a bigger list asked for), the window is
summed live, so the block is never wrong, only slower. Results are cached as well.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Locale

from bigasia.articles.fragments import current_stamp
from bigasia.articles.models import ArticlePage

from .models import DailyViews, HourlyViews, MostReadRanking

WINDOWS = ("day", "week")
RANKING_SIZE = 100
# Some top pages may have been unpublished since they were read: a few spare rows.
SPARE = 5


@dataclass(frozen=True)
class MostRead:
    title: str
    url: str
    views: int


def _window_rows(locale_id: int, window: str, now: datetime) -> QuerySet[Any, Any]:
    if window == "day":
        since = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=23)
        return HourlyViews.objects.filter(locale_id=locale_id, hour__gte=since)
    return DailyViews.objects.filter(locale_id=locale_id, day__gte=(now - timedelta(days=7)).date())


def summed_top(
    locale_id: int, window: str, size: int, now: datetime | None = None
) -> list[tuple[int, int]]:
    """[(page id, views)] best first, summed from the buckets of the window now."""
    rows = _window_rows(locale_id, window, now or timezone.now())
    totals = rows.values("page_id").annotate(total=Sum("views")).order_by("-total", "-page_id")
    return [(row["page_id"], row["total"]) for row in totals[:size]]


def rank_all(now: datetime | None = None) -> int:
    """Recompute the stored ranking of every language and window; returns how many."""
    now = now or timezone.now()
    stored = 0
    for locale_id in Locale.objects.values_list("pk", flat=True):
        for window in WINDOWS:
            entries = summed_top(locale_id, window, RANKING_SIZE, now)
            MostReadRanking.objects.update_or_create(
                locale_id=locale_id,
                window=window,
                defaults={"computed_at": now, "entries": [list(entry) for entry in entries]},
            )
            stored += 1
    return stored


def _fresh_ranking(locale_id: int, window: str) -> list[tuple[int, int]] | None:
    # Three missed runs make a ranking stale: then the live sum answers instead.
    oldest = timezone.now() - timedelta(seconds=3 * settings.READERSHIP_MOST_READ_RANK_EVERY)
    ranking = (
        MostReadRanking.objects.filter(locale_id=locale_id, window=window, computed_at__gte=oldest)
        .values_list("entries", flat=True)
        .first()
    )
    return None if ranking is None else [(page, views) for page, views in ranking]


def top_page_views(locale_id: int, window: str, limit: int) -> list[tuple[int, int]]:
    """[(page id, views)] best first, for the window "day" (24 h) or "week" (7 days)."""
    wanted = limit + SPARE
    ranking = _fresh_ranking(locale_id, window) if wanted <= RANKING_SIZE else None
    if ranking is None:
        return summed_top(locale_id, window, wanted)
    return ranking[:wanted]


def most_read(
    locale_id: int, window: str, limit: int = 5, request: HttpRequest | None = None
) -> list[MostRead]:
    """The window's most read live, public stories, cached for
    READERSHIP_MOST_READ_CACHE_SECONDS but never past the next change readers see (the
    publication stamp is in the key: a story unpublished or made private leaves at once)."""
    key = f"readership:most-read:{current_stamp(request)}:{locale_id}:{window}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]  # what this function stored
    ranked = top_page_views(locale_id, window, limit)
    pages = ArticlePage.objects.live().public().in_bulk([page_id for page_id, _ in ranked])
    entries = [
        MostRead(pages[page_id].title, pages[page_id].get_url(), views)
        for page_id, views in ranked
        if page_id in pages
    ][:limit]
    cache.set(key, entries, settings.READERSHIP_MOST_READ_CACHE_SECONDS)
    return entries
