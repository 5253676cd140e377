"""Site-wide links every page shows (home per language, section menu), kept until the site's
stamp moves: only a publish of a home, a section or another page in the menus (or a change
that shows everywhere) can change them (stamps.py)."""

from django.core.cache import cache
from django.http import HttpRequest

from .stamps import site_stamp

NAV_CACHE_SECONDS = 300
_HOMES_KEY = "nav:homes:{}"
_SECTIONS_KEY = "nav:sections:{}:{}"


def home_urls(request: HttpRequest | None = None) -> dict[str, str]:
    """{language code: URL of that language's home page}."""

    def load() -> dict[str, str]:
        from .models import HomePage

        return {
            home.locale.language_code: home.get_url()
            for home in HomePage.objects.live().select_related("locale")
        }

    key = _HOMES_KEY.format(site_stamp(request))
    # get_or_set returns load()'s value (never None); django-stubs types it `Any | None`.
    return cache.get_or_set(key, load, NAV_CACHE_SECONDS)  # type: ignore[return-value]


def nav_sections(language_code: str, request: HttpRequest | None = None) -> list[tuple[str, str]]:
    """(title, URL) of the pages shown in the menu of one language, in tree order: the
    sections and any other page marked "show in menus" (the TV index is by default)."""

    def load() -> list[tuple[str, str]]:
        from wagtail.models import Page

        pages = Page.objects.live().filter(show_in_menus=True, locale__language_code=language_code)
        return [(page.title, page.get_url()) for page in pages.order_by("path")]

    key = _SECTIONS_KEY.format(site_stamp(request), language_code)
    return cache.get_or_set(key, load, NAV_CACHE_SECONDS)  # type: ignore[return-value]
