"""«Ближайшие эфиры»: the next days' air times, shown under the programme's translated name."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from bigasia.core.dates import to_moscow

from .models import AirTime, EpisodePage, ProgrammePage


@dataclass(frozen=True)
class Broadcast:
    starts_at: datetime
    programme: ProgrammePage
    note: str
    episode: EpisodePage | None = None


def upcoming(locale: Locale, programme: ProgrammePage | None = None, days: int | None = None):
    """Air times from now to `days` ahead (TV_UPCOMING_DAYS), in the locale's programme pages."""
    now = timezone.now()
    horizon = now + timedelta(days=days or settings.TV_UPCOMING_DAYS)
    air_times = AirTime.objects.filter(starts_at__gte=now, starts_at__lt=horizon)
    if programme is not None:
        air_times = air_times.filter(programme__translation_key=programme.translation_key)
    first_air_times = list(air_times.select_related("programme").order_by("starts_at")[:50])
    localised = _programmes_in(locale, {a.programme.translation_key for a in first_air_times})
    return [
        Broadcast(
            a.starts_at, localised[a.programme.translation_key], a.note_in(locale.language_code)
        )
        for a in first_air_times
        if a.programme.translation_key in localised
    ]


def _programmes_in(locale: Locale, keys: set) -> dict:
    pages = ProgrammePage.objects.live().filter(locale=locale, translation_key__in=keys)
    return {page.translation_key: page for page in pages}


def past_with_episodes(programme: ProgrammePage, limit: int = 10) -> list[Broadcast]:
    """The latest past air times, each linked to the episode aired that (Moscow) day, if any."""
    air_times = list(
        AirTime.objects.filter(
            programme__translation_key=programme.translation_key, starts_at__lt=timezone.now()
        ).order_by("-starts_at")[:limit]
    )
    if not air_times:
        return []
    episodes_by_day: dict = {}
    oldest = min(a.starts_at for a in air_times) - timedelta(days=1)
    for episode in programme.episodes().filter(aired_at__gte=oldest):
        episodes_by_day.setdefault(to_moscow(episode.aired_at).date(), episode)
    language = programme.locale.language_code
    return [
        Broadcast(
            a.starts_at,
            programme,
            a.note_in(language),
            episodes_by_day.get(to_moscow(a.starts_at).date()),
        )
        for a in air_times
    ]
