"""Bar charts of the admin as inline SVG drawn on the server (no JavaScript), with a y-axis
of counts, an x-axis of dates (dd.mm) and the exact figure of every bar on hover (SVG
<title>): an article's views by day (last 30 days) and by hour (last two days); the
newsletters' sends per minute draw through `draw` too."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from django.utils import timezone
from django.utils.formats import number_format

from bigasia.core.dates import to_moscow

from .models import DailyViews, HourlyViews

# What a bar stands for: a day, an hour, a minute of sending.
When = TypeVar("When")

WIDTH, HEIGHT = 720, 200
# Room for the y-axis labels on the left and the x-axis labels under the plot.
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 28
Y_TICKS = 4  # intervals between gridlines: 0, ¼, ½, ¾ and the top of the scale


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # when, in full: 03.02.2023 or 03.02.2023 14:00 (Moscow time)
    value: int


@dataclass(frozen=True)
class Tick:
    position: float  # x of an x-axis tick, y of a y-axis tick
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def daily_series(page_id: int, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """[(day, views)] for the `days` days up to today (UTC days, as the buckets are kept)."""
    today = today or timezone.now().date()
    first = today - timedelta(days=days - 1)
    stored = dict(
        DailyViews.objects.filter(page_id=page_id, day__gte=first, day__lte=today).values_list(
            "day", "views"
        )
    )
    return [
        (first + timedelta(days=n), stored.get(first + timedelta(days=n), 0)) for n in range(days)
    ]


def hourly_series(
    page_id: int, hours: int = 48, now: datetime | None = None
) -> list[tuple[datetime, int]]:
    """[(hour, views)] for the last `hours` hours, the current one included."""
    last = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    first = last - timedelta(hours=hours - 1)
    stored = dict(
        HourlyViews.objects.filter(page_id=page_id, hour__gte=first, hour__lte=last).values_list(
            "hour", "views"
        )
    )
    return [
        (first + timedelta(hours=n), stored.get(first + timedelta(hours=n), 0))
        for n in range(hours)
    ]


def scale_top(highest: int) -> int:
    """The top of the y-scale: Y_TICKS gridline steps of 1, 2 or 5 × 10ⁿ views, the smallest
    that reaches `highest`, so that every gridline is a round figure."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if step * Y_TICKS >= highest:
                return step * Y_TICKS
        magnitude *= 10


def draw(
    series: Sequence[tuple[When, int]],
    full_label: Callable[[When], str],
    tick_label: Callable[[When], str],
    every: int,
) -> Chart:
    """Bars of `series` [(when, value)], y-ticks on a round scale, an x-tick under every
    `every`-th bar; `full_label` names a bar's `when` on hover, `tick_label` on the x-axis."""
    top = scale_top(max((value for _when, value in series), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT - RIGHT) / max(len(series), 1)
    bars, x_ticks = [], []
    for index, (when, value) in enumerate(series):
        height = plot_height * value / top
        x = LEFT + index * step
        bars.append(
            Bar(x, HEIGHT - BOTTOM - height, max(step - 1, 1), height, full_label(when), value)
        )
        if index % every == 0:
            x_ticks.append(Tick(x + step / 2, tick_label(when)))
    y_ticks = [
        Tick(
            HEIGHT - BOTTOM - plot_height * n / Y_TICKS,
            number_format(top * n // Y_TICKS, force_grouping=True),
        )
        for n in range(Y_TICKS + 1)
    ]
    return Chart(bars, x_ticks, y_ticks)


def daily_chart(page_id: int) -> Chart:
    return draw(
        daily_series(page_id),
        full_label=lambda day: day.strftime("%d.%m.%Y"),
        tick_label=lambda day: day.strftime("%d.%m"),
        every=5,
    )


def hourly_chart(page_id: int) -> Chart:
    return draw(
        hourly_series(page_id),
        full_label=lambda hour: to_moscow(hour).strftime("%d.%m.%Y %H:00"),
        tick_label=lambda hour: to_moscow(hour).strftime("%d.%m %H:00"),
        every=12,
    )
