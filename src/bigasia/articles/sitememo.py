"""Which Wagtail Site answers a reader's request, remembered per process between publishes.

Wagtail finds the site with a database query on every request (`Site.find_for_request`); a
profile of the full render put a third of an article page's CPU there. Sites change only when
an operator edits them, and saving or deleting a Site advances the site's publication stamp
(stamps.py) that every render reads anyway, so the memo is keyed by that stamp: every process
and host sees a changed Site on its next request, with no extra query.

The route of a page Wagtail serves is found from the site's home page in the request's
language, remembered the same way: Wagtail starts each route with `root_page.localized.specific`,
a Locale query on every request and two more queries on the other language's pages.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from .stamps import site_stamp

_MAX_ENTRIES = 64  # hosts are checked against ALLOWED_HOSTS before this runs; a bound anyway
_memo: dict[tuple[str, int], Site | None] = {}
_homes: dict[tuple[int, str], Page] = {}
_memo_stamp: list[int] = [-1]
_READER_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def remembered_site(request: HttpRequest) -> Site | None:
    stamp = site_stamp(request)
    if _memo_stamp[0] != stamp or len(_memo) >= _MAX_ENTRIES:
        _memo.clear()
        _homes.clear()
        _memo_stamp[0] = stamp
    key = (split_domain_port(request.get_host())[0], int(request.get_port()))
    if key not in _memo:
        _memo[key] = Site.find_for_request(request)
    return _memo[key]


def remembered_home(site: Site) -> Page:
    """The site's root page in the active language, as Wagtail's routing takes it
    (`root_page.localized.specific`: a Locale query, and on the other language's home a
    translation query and a page query, on every request), remembered like the site."""
    key = (site.pk, translation.get_language())
    if key not in _homes:
        _homes[key] = site.root_page.localized.specific
    return _homes[key]


def route(request: HttpRequest, site: Site, path: str) -> object:
    """What Wagtail's `Page.route_for_request(request, path)` finds, from the remembered
    home; `path` is what its serve view receives (after the language prefix)."""
    try:
        return remembered_home(site).route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


class SiteMemoMiddleware:
    """Sets the request's site (Wagtail's own per-request slot) from the memo, for reader
    pages only: other paths (admin, beacons, media) would pay the stamp query for nothing;
    and, for pages Wagtail serves, the route."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path_info.startswith(_READER_PREFIXES):
            # Wagtail's own per-request cache of the site (Site.find_for_request reads it).
            request._wagtail_site = remembered_site(request)  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: tuple, kwargs: dict
    ) -> None:
        """Before Wagtail's serve view, fill its per-request cache of the route
        (Page.route_for_request reads it) from the remembered home."""
        site = getattr(request, "_wagtail_site", None)
        if view is wagtail_serve and site is not None and args:
            request._wagtail_route_for_request = route(request, site, args[0])  # type: ignore[attr-defined]
