"""The one place that turns datetimes into what readers see: dd.mm.yyyy in Moscow time."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

MOSCOW = ZoneInfo("Europe/Moscow")


def to_moscow(value: datetime) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value.astimezone(MOSCOW)


def format_date(value: datetime | None) -> str:
    """03.02.2023 — the publication date as the seed page prints it, in Moscow time."""
    if value is None:
        return ""
    return to_moscow(value).strftime("%d.%m.%Y")


def format_datetime(value: datetime | None) -> str:
    """03.02.2023 14:05 — for places where the time of day matters (schedules, wire items)."""
    if value is None:
        return ""
    return to_moscow(value).strftime("%d.%m.%Y %H:%M")
