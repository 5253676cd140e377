"""`{% load site_nav %}`: the language switcher and the header menu of every page.

They live here, not with the chrome templates in core, because both read the page tree
(`articles/navigation.py`): core sits below articles and imports none of it.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.context import Context
from django.utils import translation

from ..navigation import home_urls, nav_sections

register = template.Library()


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
    """One link per language: the page's translation, else that language's home page."""
    alternates: dict[str, str] = context.get("alternates") or {}
    current = translation.get_language()
    homes = home_urls(context.get("request"))
    links = []
    for code, _label in settings.LANGUAGES:
        url = alternates.get(code) or homes.get(code, f"/{code}/")
        links.append(
            LanguageLink(code, _SELF_NAMES[code], url, code == current, code in alternates)
        )
    return links


@register.inclusion_tag("core/includes/main_nav.html", takes_context=True)
def main_nav(context: Context) -> dict:
    request = context.get("request")
    return {
        "sections": nav_sections(translation.get_language(), request),
        "page": context.get("page"),
        "request_path": request.path if request else "",
    }
