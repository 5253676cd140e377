"""Surrogate tags: what a cached response shows, so a publish can purge exactly that.

A response names its tags in the X-Edge-Tags header (the edge strips it before the reader
sees it). Every Wagtail page is tagged with its own id; listings (home, sections, country
and tag pages) also with `list:<language>`. Responses with no tags (feeds, sitemaps, search
and anything else) get `other`, which every publish purges, so nothing outside pages can go
stale by being forgotten here.
"""

from django.http import HttpResponse

HEADER = "X-Edge-Tags"
OTHER = "other"
SITE = "site"  # on every entry: purging it empties the whole cache (moves, snippet edits)


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def list_tag(language_code: str) -> str:
    return f"list:{language_code}"


def tag_response(response: HttpResponse, *tags: str) -> HttpResponse:
    existing = response.headers.get(HEADER, "")
    response.headers[HEADER] = " ".join(filter(None, [existing, *tags]))
    return response


def parse(header_value: str | None) -> list[str]:
    tags = set((header_value or "").split()) or {OTHER}
    return sorted(tags | {SITE})
