"""Tag every page Wagtail serves, so publishing can purge what shows it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page

from bigasia.articles.models import ArticlePage
from bigasia.core.pagecache import uses_query

from .tags import list_tag, page_tag, tag_response

# Wagtail's on_serve_page chain: each hook wraps the next way of serving a page.
ServePage = Callable[[Page, HttpRequest, tuple[Any, ...], dict[str, Any]], HttpResponse]


@hooks.register("on_serve_page")  # type: ignore[untyped-decorator]  # wagtail has no types
def tag_served_pages(next_serve_page: ServePage) -> ServePage:
    def serve(
        page: Page, request: HttpRequest, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse:
        response = next_serve_page(page, request, args, kwargs)
        if not settings.EDGE_ENABLED:
            return response
        tags = [page_tag(page.pk)]
        # Anything that is not an article lists articles (home with its country and tag
        # routes, sections): it changes whenever a story of its language is published.
        if page.specific_class is not ArticlePage:
            tags.append(list_tag(get_language()))
            uses_query(response, "page")  # listings are paginated (articles.models.paginate)
        return tag_response(response, *tags)

    return serve
