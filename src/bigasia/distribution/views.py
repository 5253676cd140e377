"""Sitemap and robots.txt endpoints, outside the language prefix."""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from . import sitemaps

XML = "application/xml; charset=utf-8"


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def sitemap_index(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(sitemaps.sitemap_index(_base(request)), content_type=XML)


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
    return HttpResponse(sitemaps.robots_txt(_base(request)), content_type="text/plain")
