"""Structured data of an article: JSON-LD NewsArticle, OpenGraph and Twitter card values."""

import json

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .logo import SIZES

SHARE_RENDITION = "width-1200"  # the article page's hero uses the same, so it is reused


def share_image(page, request) -> dict | None:
    """The hero image as an absolute URL with its size, for JSON-LD and og:image."""
    if page.hero_image is None:
        return None
    rendition = page.hero_image.get_rendition(SHARE_RENDITION)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def publisher_logo(request) -> dict:
    """The square PNG logo (Google: at least 112×112 px, a format Google Images reads)."""
    width, height = SIZES["square"]
    url = request.build_absolute_uri(reverse("distribution:logo", args=["square"]))
    return {"@type": "ImageObject", "url": url, "width": width, "height": height}


def person(author, request) -> dict:
    """schema.org Person: the author's page as `url`, their profiles elsewhere as `sameAs`."""
    data = {"@type": "Person", "name": author.name, "url": request.build_absolute_uri(author.url)}
    if profiles := author.profile_urls():
        data["sameAs"] = profiles
    return data


def author_profile(author, request, photo_url: str | None) -> dict:
    """The JSON-LD of an author's page: the Person, with their photo, biography and outlet."""
    data = {"@context": "https://schema.org", **person(author, request)}
    if author.bio:
        data["description"] = author.bio
    if photo_url:
        data["image"] = request.build_absolute_uri(photo_url)
    data["worksFor"] = {"@type": "NewsMediaOrganization", "name": author.outlet or _("Big Asia")}
    return data


def news_article(page, request, authors: list, image: dict | None) -> dict:
    """schema.org NewsArticle: headline, dates, byline or source, publisher, image, language."""
    site = _("Big Asia")
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": site,
        "logo": publisher_logo(request),
    }
    if authors:
        credited = [person(author, request) for author in authors]
    elif page.source:
        credited = [{"@type": "Organization", "name": page.source.name}]
    else:
        credited = [{"@type": "Organization", "name": site}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "mainEntityOfPage": request.build_absolute_uri(page.url),
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(page.last_published_at or page.first_published_at),
        "author": credited,
        "publisher": publisher,
        "inLanguage": page.locale.language_code,
        "isAccessibleForFree": True,
    }
    if image:
        data["image"] = [{"@type": "ImageObject", **image}]
    return data


def _iso(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def json_ld(data: dict) -> SafeString:
    """JSON for a <script> element: <, > and & escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # escaped above for the script context
