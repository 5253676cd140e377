"""Alternates of pages that are Django views rather than Wagtail pages (search, newsletters)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def view_alternates(view_name: str, query_string: str = "") -> dict[str, str]:
    """{language code: URL of the view in that language}, with `query_string` (already
    encoded, without "?") kept, for hreflang links and the language switcher."""
    suffix = "?" + query_string if query_string else ""
    urls = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(view_name) + suffix
    return urls
