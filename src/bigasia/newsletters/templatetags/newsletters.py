"""The subscription box on every reader page.

The pages around it are served from the page cache, so the box holds no CSRF token and
nothing personal; its newsletter list is cached and forgotten whenever one changes.
"""

from typing import Any

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from ..forms import CONSENT_TEXT, public_newsletters

register = template.Library()
CACHE_KEY = "newsletters:box:{language}"


def box_newsletters(language: str) -> list[dict[str, Any]]:
    key = CACHE_KEY.format(language=language)
    cached: list[dict[str, Any]] | None = cache.get(key)  # what this function stored
    if cached is None:
        cached = [
            {"pk": n.pk, "name": n.name, "description": n.description}
            for n in public_newsletters().filter(language=language)
        ]
        cache.set(key, cached, 3600)
    return cached


def forget_box() -> None:
    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


@register.inclusion_tag("newsletters/box.html")
def newsletter_box() -> dict[str, Any]:
    language = translation.get_language()
    return {
        "newsletters": box_newsletters(language),
        "language": language,
        "languages": settings.LANGUAGES,
        "consent_text": CONSENT_TEXT,
    }
