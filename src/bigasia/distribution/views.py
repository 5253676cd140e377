"""Sitemap and robots.txt endpoints, outside the language prefix."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import sitemaps
from .logo import logo_png

XML = "application/xml; charset=utf-8"


def _other_sitemaps() -> list[str]:
    """Other apps' sitemaps at the site root, by URL name: the URL conf is the seam, so this
    app imports none of them (the TV app's video sitemap)."""
    return [reverse("video_sitemap").lstrip("/")]


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def sitemap_index(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        sitemaps.sitemap_index(_base(request), _other_sitemaps()), content_type=XML
    )


def sitemap_sections(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(sitemaps.sections_file(_base(request)), content_type=XML)


def sitemap_articles(request: HttpRequest, number: int) -> StreamingHttpResponse:
    body = sitemaps.articles_file(number, _base(request))
    if body is None:
        raise Http404
    return StreamingHttpResponse(body, content_type=XML)


def news_sitemap(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(sitemaps.news_sitemap(_base(request)), content_type=XML)


def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        sitemaps.robots_txt(_base(request), _other_sitemaps()), content_type="text/plain"
    )


@require_safe
@cache_control(public=True, max_age=86400)
def publisher_logo(request: HttpRequest, kind: str) -> HttpResponse:
    """The publication's name as a PNG of a fixed size, in the language of the URL."""
    return HttpResponse(logo_png(kind, _("Big Asia")), content_type="image/png")
