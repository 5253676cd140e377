"""What a channel is asked to carry: an article turned into a ChannelPost, and the text a post
has unless the editor wrote one."""

from pathlib import Path

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from .providers.base import ChannelPost, compose_text

# The feeds a WebSub hub is told about: the language's own and the article's section's.
PINGED_FEEDS = ("rss", "atom")


def default_text(page: Page) -> str:
    """Headline, lead and link: what a post says when nobody rewrote it (each transport
    trims it to its own limits)."""
    return compose_text(page.title, getattr(page, "lead", ""), page.full_url or "")


def build_post(page: Page, key: str, text: str) -> ChannelPost:
    language = page.locale.language_code
    image, image_url = _hero_image(page)
    return ChannelPost(
        key=key,
        language=language,
        url=page.full_url or "",
        headline=page.title,
        lead=getattr(page, "lead", ""),
        text=text or default_text(page),
        image=image,
        image_url=image_url,
        alternate_urls=tuple(
            url for other in page.get_translations().live() if (url := other.full_url)
        ),
        feed_urls=feed_urls(page, language),
    )


def _hero_image(page: Page) -> tuple[Path | None, str]:
    hero = getattr(page, "hero_image", None)
    if hero is None:
        return None, ""
    site = page.get_site()
    url = hero.file.url
    absolute = url if url.startswith("http") else (site.root_url if site else "") + url
    try:
        path = Path(hero.file.path)
    except NotImplementedError:  # a storage without local files (S3…): the URL only
        return None, absolute
    return (path if path.exists() else None), absolute


def feed_urls(page: Page, language: str) -> tuple[str, ...]:
    """The feeds whose items changed with this article. Named by URL name, not imported:
    the distribution app is a sibling that channels may not import."""
    site = page.get_site()
    root = site.root_url if site else ""
    parent = page.get_parent()
    with translation.override(language):
        urls = [
            url
            for flavour in PINGED_FEEDS
            for url in (
                reverse(f"distribution:{flavour}"),
                reverse(
                    f"distribution:{flavour}_scoped",
                    kwargs={"scope": "section", "slug": parent.slug},
                ),
            )
        ]
    return tuple(root + url for url in urls)
