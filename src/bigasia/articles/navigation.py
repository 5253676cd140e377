"""Site-wide links every page shows (home per language, section menu), cached between publishes."""

from django.core.cache import cache
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

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

    return cache.get_or_set(_HOMES_KEY, load, NAV_CACHE_SECONDS)


def nav_sections(language_code: str) -> list[tuple[str, str]]:
    """(title, URL) of the sections shown in the menu of one language."""

    def load() -> list[tuple[str, str]]:
        from .models import SectionPage

        sections = SectionPage.objects.live().filter(
            show_in_menus=True, locale__language_code=language_code
        )
        return [(section.title, section.get_url()) for section in sections.order_by("path")]

    return cache.get_or_set(_SECTIONS_KEY.format(language_code), load, NAV_CACHE_SECONDS)


def forget_navigation() -> None:
    from django.conf import settings

    cache.delete_many([_HOMES_KEY, *(_SECTIONS_KEY.format(c) for c, _ in settings.LANGUAGES)])


@receiver(page_published)
@receiver(page_unpublished)
def _forget_on_publish(sender, **kwargs) -> None:
    forget_navigation()
