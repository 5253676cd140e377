from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from . import admin_views, holes


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]  # wagtail: no types
def readership_admin_urls() -> list[URLPattern]:
    return [
        path("readership/page/<int:page_id>/", admin_views.page_views, name="readership_page"),
        path("readership/top/", admin_views.top_articles, name="readership_top"),
    ]


@hooks.register("register_reports_menu_item")  # type: ignore[untyped-decorator]
def top_articles_menu_item() -> MenuItem:
    return MenuItem(
        _("Most read articles"), reverse("readership_top"), icon_name="view", order=1000
    )


def _views_button(page: Page, user: AbstractBaseUser) -> Iterator[Button]:
    if page.specific_class is not None and page.specific_class.__name__ == "ArticlePage":
        yield Button(
            _("Views"), reverse("readership_page", args=[page.pk]), icon_name="view", priority=60
        )


@hooks.register("register_page_listing_more_buttons")  # type: ignore[untyped-decorator]
def page_listing_views_button(
    page: Page, user: AbstractBaseUser, next_url: str | None = None
) -> Iterator[Button]:
    yield from _views_button(page, user)


@hooks.register("register_page_header_buttons")  # type: ignore[untyped-decorator]
def page_header_views_button(
    page: Page, user: AbstractBaseUser, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    yield from _views_button(page, user)


@hooks.register("on_serve_page")  # type: ignore[untyped-decorator]  # Wagtail ships no types
def fill_view_counts_of_served_pages(next_serve_page: Callable[..., Any]) -> Callable[..., Any]:
    """Every page Wagtail serves gets its view-count holes filled once rendered (holes.py)."""

    def serve(page: Page, request: Any, args: Any, kwargs: Any) -> Any:
        response = next_serve_page(page, request, args, kwargs)
        if isinstance(response, TemplateResponse):  # not videos, files or redirects
            response.add_post_render_callback(holes.fill_view_counts)
        return response

    return serve
