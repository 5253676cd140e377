"""Which Wagtail Site answers a reader's request, remembered per process between publishes.

Wagtail finds the site with a database query on every request (`Site.find_for_request`); a
profile of the full render put a third of an article page's CPU there. Sites change only when
an operator edits them, and saving or deleting a Site advances the publication stamp
(signals.py) that every render reads anyway, so the memo is keyed by that stamp: every process
and host sees a changed Site on its next request, with no extra query.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from .fragments import current_stamp

_MAX_ENTRIES = 64  # hosts are checked against ALLOWED_HOSTS before this runs; a bound anyway
_memo: dict[tuple[str, int], Site | None] = {}
_memo_stamp: list[int] = [-1]
_READER_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def remembered_site(request: HttpRequest) -> Site | None:
    stamp = current_stamp(request)
    if _memo_stamp[0] != stamp or len(_memo) >= _MAX_ENTRIES:
        _memo.clear()
        _memo_stamp[0] = stamp
    key = (split_domain_port(request.get_host())[0], int(request.get_port()))
    if key not in _memo:
        _memo[key] = Site.find_for_request(request)
    return _memo[key]


class SiteMemoMiddleware:
    """Sets the request's site (Wagtail's own per-request slot) from the memo, for reader
    pages only: other paths (admin, beacons, media) would pay the stamp query for nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path_info.startswith(_READER_PREFIXES):
            # Wagtail's own per-request cache of the site (Site.find_for_request reads it).
            request._wagtail_site = remembered_site(request)  # type: ignore[attr-defined]
        return self.get_response(request)
