from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from ..models.video import clock as clock_label
from ..schedule import upcoming

register = template.Library()


@register.inclusion_tag("tv/includes/upcoming.html")
def upcoming_broadcasts(limit: int = 8, element: str = "section") -> dict:
    """«Ближайшие эфиры»: the next seven days' air times in the current language.

    `element="aside"` in a page's sidebar, outside <main>; "section" within a page's content.
    """
    locale = Locale.objects.filter(language_code=get_language()).first()
    return {"broadcasts": upcoming(locale)[:limit] if locale else [], "element": element}


@register.filter
def clock(seconds) -> str:
    return clock_label(seconds)
