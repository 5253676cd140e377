""" "Most read" in one language over the last 24 hours or 7 days, from the time buckets.

The 24-hour list sums the last 24 hourly buckets, the 7-day list the last 7 daily buckets
plus today's. Summing a window costs one row per article read in it (tens of thousands on a
busy day), too much for every request, so the periodic job `rank_most_read` sums each window
once a minute and keeps the ranked top `RANKING_SIZE` per language in `MostReadRanking`;
requests read that one row. The answer is the exact sum of the buckets as of the job's last
run. When no ranking is fresh (no worker running, or a bigger list asked for), the window is
summed live, so the block is never wrong, only slower. Results are cached as well.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Locale, Page

from bigasia.articles.models import ArticlePage
from bigasia.articles.stamps import current_stamps

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
    """The window's most read live, public stories (see `most_read_lists`)."""
    return most_read_lists(locale_id, (window,), limit, request)[window]


def most_read_lists(
    locale_id: int, windows: Iterable[str], limit: int = 5, request: HttpRequest | None = None
) -> dict[str, list[MostRead]]:
    """{window: its most read live, public stories}, cached for
    READERSHIP_MOST_READ_CACHE_SECONDS but never past a change readers see: the site's
    stamp is in the key (a story unpublished or made private leaves at once), and after a
    publish in the language the entries are checked against their pages' live revisions and
    paths in one query per list (a story of the list republished with a new title is read
    again). The windows' lists are read from the cache together: one round trip to Redis."""
    stamps = current_stamps(request)
    language_stamp = sum(stamps.languages.values())  # any language's publish: checked
    keys = {
        window: f"readership:most-read:{stamps.site}:{locale_id}:{window}:{limit}"
        for window in windows
    }
    kept = cache.get_many(list(keys.values()))
    lists = {}
    for window, key in keys.items():
        entries = _still_shown(key, kept.get(key), language_stamp)
        if entries is None:  # an empty list kept is an answer too
            entries = _ranked(key, locale_id, window, limit, language_stamp)
        lists[window] = entries
    return lists


# What a list is kept as: (the languages' stamps it was checked at, {page id: (live
# revision, url_path)}, the entries).
Kept = tuple[int, dict[int, tuple[int | None, str]], list[MostRead]]


def _still_shown(key: str, cached: Kept | None, language_stamp: int) -> list[MostRead] | None:
    """The kept list, unless a publish since changed one of its stories."""
    if cached is None:
        return None
    checked_at, versions, entries = cached
    if checked_at != language_stamp and _page_versions(list(versions)) != versions:
        return None
    if checked_at != language_stamp:
        timeout = settings.READERSHIP_MOST_READ_CACHE_SECONDS
        cache.set(key, (language_stamp, versions, entries), timeout)
    return entries


def _ranked(
    key: str, locale_id: int, window: str, limit: int, language_stamp: int
) -> list[MostRead]:
    ranked = top_page_views(locale_id, window, limit)
    pages = ArticlePage.objects.live().public().in_bulk([page_id for page_id, _ in ranked])
    shown = [page_id for page_id, _ in ranked if page_id in pages][:limit]
    views = dict(ranked)
    entries = [MostRead(pages[pk].title, pages[pk].get_url(), views[pk]) for pk in shown]
    versions = {pk: (pages[pk].live_revision_id, pages[pk].url_path) for pk in shown}
    cache.set(key, (language_stamp, versions, entries), settings.READERSHIP_MOST_READ_CACHE_SECONDS)
    return entries


_VERSIONS = (
    f"SELECT id, live_revision_id, url_path FROM {Page._meta.db_table} WHERE live AND id IN ({{}})"
)


def _page_versions(page_ids: list[int]) -> dict[int, tuple[int | None, str]]:
    """{page id: (live revision, url_path)} of those still live; plain SQL, as it runs on
    the first render after every publish."""
    if not page_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_VERSIONS.format(", ".join(["%s"] * len(page_ids))), page_ids)
        return {pk: (revision, path) for pk, revision, path in cursor.fetchall()}
