"""The periodic ranking answers "most read" with one row, and its answer is the exact sum of
the buckets in the window; a stale or missing ranking falls back to summing live."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage
from bigasia.readership.models import DailyViews, HourlyViews, MostReadRanking
from bigasia.readership.mostread import SPARE, top_page_views
from bigasia.readership.tasks import rank_most_read

pytestmark = pytest.mark.django_db

HOURS_AGO = (0, 5, 23, 24, 30, 24 * 6, 24 * 9)
IN_WINDOW = {"day": (0, 5, 23), "week": (0, 5, 23, 24, 30, 24 * 6)}  # 9 days back: in neither


def _views(n: int, hours_ago: int) -> int:
    """What the fixture writes for the n-th story at that hour: 1 to 13, with ties."""
    return (n * 7 + hours_ago) % 13 + 1


def _expected(pages: list, window: str) -> list[tuple[int, int]]:
    """[(page id, views)] of the window, most read first, ties broken by the newer id."""
    totals = [
        (page.pk, sum(_views(n, hours) for hours in IN_WINDOW[window]))
        for n, page in enumerate(pages)
    ]
    return sorted(totals, key=lambda entry: (-entry[1], -entry[0]))


@pytest.fixture
def buckets():
    """Views of every Russian story spread over 10 days, with ties and one that falls out of
    the day window by an hour."""
    now = timezone.now()
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    pages = list(ArticlePage.objects.filter(locale__language_code="ru").order_by("pk"))
    hourly, daily = [], []
    for n, page in enumerate(pages):
        for hours_ago in HOURS_AGO:
            views = _views(n, hours_ago)
            moment = this_hour - timedelta(hours=hours_ago)
            hourly.append(HourlyViews(page=page, locale=page.locale, hour=moment, views=views))
            daily.append((page, moment.date(), views))
    HourlyViews.objects.bulk_create(hourly)
    per_day: dict = {}
    for page, day, views in daily:
        per_day[(page, day)] = per_day.get((page, day), 0) + views
    DailyViews.objects.bulk_create(
        DailyViews(page=page, locale=page.locale, day=day, views=views)
        for (page, day), views in per_day.items()
    )
    return pages


def test_it_answers_from_the_ranking_exactly_what_the_buckets_sum(
    buckets, django_assert_num_queries
):
    russian = Locale.objects.get(language_code="ru")
    assert rank_most_read.call() == 2 * Locale.objects.count()
    for window in ("day", "week"):
        expected = _expected(buckets, window)[: 10 + SPARE]
        assert len(expected) == 10 + SPARE, "the fixture must put views in both windows"
        with django_assert_num_queries(1):
            assert top_page_views(russian.pk, window, 10) == expected
    # The hour 24 hours back is outside the day window and inside the week.
    day = dict(top_page_views(russian.pk, "day", 95))
    first = buckets[0]
    in_day = HourlyViews.objects.filter(
        page=first, hour__gte=timezone.now().replace(minute=0, second=0, microsecond=0)
        - timedelta(hours=23),
    )  # fmt: skip
    assert day[first.pk] == sum(row.views for row in in_day)


def test_it_follows_new_views_at_the_next_ranking(buckets):
    russian = Locale.objects.get(language_code="ru")
    rank_most_read.call()
    last = buckets[-1]
    HourlyViews.objects.filter(page=last).update(views=10_000)
    assert top_page_views(russian.pk, "day", 5)[0][0] != last.pk, "read from the ranking"
    rank_most_read.call()
    assert top_page_views(russian.pk, "day", 5)[0] == (last.pk, 30_000)


def test_it_sums_live_when_the_ranking_is_stale_or_missing(buckets, settings):
    russian = Locale.objects.get(language_code="ru")
    rank_most_read.call()
    MostReadRanking.objects.update(entries=[], computed_at=timezone.now() - timedelta(hours=1))
    assert top_page_views(russian.pk, "week", 5) == _expected(buckets, "week")[: 5 + SPARE]
    MostReadRanking.objects.all().delete()
    assert top_page_views(russian.pk, "day", 5) == _expected(buckets, "day")[: 5 + SPARE]
    rank_most_read.call()
    # More than the stored ranking holds: summed live, every story read in the day.
    assert top_page_views(russian.pk, "day", 200) == _expected(buckets, "day")
