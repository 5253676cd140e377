from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from ..models.video import clock as clock_label
from ..schedule import Broadcast, past_with_episodes, upcoming

register = template.Library()


@register.inclusion_tag("tv/includes/upcoming.html")
def upcoming_broadcasts(limit: int = 8, element: str = "section") -> dict:
    """«Ближайшие эфиры»: the next seven days' air times in the current language.

    `element="aside"` in a page's sidebar, outside <main>; "section" within a page's content.
    """
    locale = Locale.objects.filter(language_code=get_language()).first()
    return {"broadcasts": upcoming(locale)[:limit] if locale else [], "element": element}


@register.simple_tag
def broadcasts_ahead(locale: Locale, programme=None) -> list[Broadcast]:
    """`{% broadcasts_ahead page.locale [programme] as upcoming %}`: the air times ahead in
    the locale's programme pages, of one programme or of all."""
    return upcoming(locale, programme=programme)


@register.simple_tag
def broadcasts_past(programme) -> list[Broadcast]:
    """`{% broadcasts_past page as past %}`: its latest air times, linked to their episodes."""
    return past_with_episodes(programme)


@register.filter
def clock(seconds) -> str:
    return clock_label(seconds)
