"""Template helpers shared by every page: dates, counts, the language switcher, navigation."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.template import Context
from django.utils import translation
from django.utils.translation import ngettext

from bigasia.core import dates

register = template.Library()


@register.filter
def msk_date(value: datetime | None) -> str:
    return dates.format_date(value)


@register.filter
def msk_datetime(value: datetime | None) -> str:
    return dates.format_datetime(value)


@register.filter
def views_label(count: int) -> str:
    """`33 просмотра`, `21 просмотр`, `1 view`: the count with its plural form."""
    count = int(count or 0)
    return ngettext("%(count)s view", "%(count)s views", count) % {"count": count}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    label: str
    url: str
    is_current: bool
    is_translation: bool  # False: this language has no version of the page; link goes home


# Each language is named in itself, and marked up with its own `lang`, so an English page
# that offers «Русский» is not leaking Russian interface text.
_SELF_NAMES = {"ru": "Русский", "en": "English"}


@register.simple_tag(takes_context=True)
def language_links(context: Context) -> list[LanguageLink]:
    from bigasia.articles.navigation import home_urls

    alternates: dict[str, str] = context.get("alternates") or {}
    current = translation.get_language()
    homes = home_urls()
    links = []
    for code, _label in settings.LANGUAGES:
        url = alternates.get(code) or homes.get(code, f"/{code}/")
        links.append(
            LanguageLink(code, _SELF_NAMES[code], url, code == current, code in alternates)
        )
    return links


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context: Context) -> dict[str, Any]:
    from bigasia.articles.navigation import nav_sections

    request = context.get("request")
    return {
        "sections": nav_sections(translation.get_language()),
        "page": context.get("page"),
        "request_path": request.path if request else "",
    }
