"""An article's views over time as inline SVG, drawn on the server (no JavaScript)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from .models import DailyViews, HourlyViews

WIDTH, HEIGHT, MARGIN = 720, 180, 20


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    views: int


def view_series(page_id: int, days: int = 30) -> list[tuple[str, int]]:
    """[(label, views)]: one point per day before the last two days, one per hour in them."""
    now = timezone.now()
    two_days_ago = (now - timedelta(hours=47)).replace(minute=0, second=0, microsecond=0)
    first_day = (now - timedelta(days=days)).date()
    daily = dict(
        DailyViews.objects.filter(
            page_id=page_id, day__gte=first_day, day__lt=two_days_ago.date()
        ).values_list("day", "views")
    )
    hourly = dict(
        HourlyViews.objects.filter(page_id=page_id, hour__gte=two_days_ago).values_list(
            "hour", "views"
        )
    )
    series = []
    day = first_day
    while day < two_days_ago.date():
        series.append((day.strftime("%d.%m"), daily.get(day, 0)))
        day += timedelta(days=1)
    hour: datetime = two_days_ago
    while hour <= now:
        series.append((timezone.localtime(hour).strftime("%d.%m %H:00"), hourly.get(hour, 0)))
        hour += timedelta(hours=1)
    return series


def bars(series: list[tuple[str, int]]) -> list[Bar]:
    if not series:
        return []
    top = max(views for _, views in series) or 1
    step = (WIDTH - 2 * MARGIN) / len(series)
    drawn = []
    for index, (label, views) in enumerate(series):
        height = (HEIGHT - 2 * MARGIN) * views / top
        x = MARGIN + index * step
        drawn.append(Bar(x, HEIGHT - MARGIN - height, max(step - 1, 1), height, label, views))
    return drawn
