"""Site-wide links every page shows (home per language, section menu), cached between publishes."""

from django.core.cache import cache
from django.dispatch import receiver

from bigasia.core.changes import public_content_changed

NAV_CACHE_SECONDS = 300
_HOMES_KEY = "nav:homes"
_SECTIONS_KEY = "nav:sections:{}"


def home_urls() -> dict[str, str]:
    """{language code: URL of that language's home page}."""

    def load() -> dict[str, str]:
        from .models import HomePage

        return {
            home.locale.language_code: home.get_url()
            for home in HomePage.objects.live().select_related("locale")
        }

    # get_or_set returns load()'s value (never None); django-stubs types it `Any | None`.
    return cache.get_or_set(_HOMES_KEY, load, NAV_CACHE_SECONDS)  # type: ignore[return-value]


def nav_sections(language_code: str) -> list[tuple[str, str]]:
    """(title, URL) of the pages shown in the menu of one language, in tree order: the
    sections and any other page marked "show in menus" (the TV index is by default)."""

    def load() -> list[tuple[str, str]]:
        from wagtail.models import Page

        pages = Page.objects.live().filter(show_in_menus=True, locale__language_code=language_code)
        return [(page.title, page.get_url()) for page in pages.order_by("path")]

    sections = cache.get_or_set(_SECTIONS_KEY.format(language_code), load, NAV_CACHE_SECONDS)
    return sections  # type: ignore[return-value]


def forget_navigation() -> None:
    from django.conf import settings

    cache.delete_many([_HOMES_KEY, *(_SECTIONS_KEY.format(c) for c, _ in settings.LANGUAGES)])


@receiver(public_content_changed)
def _forget_on_change(sender, **kwargs) -> None:
    forget_navigation()
