"""`{% load readership %}`: view counts, the beacon, and the most-read block.

{% view_count story %}   → "33 просмотра" / "33 views", in the page's language
"""

import functools
from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Page as PaginatorPage
from django.template import Context
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import LazyObject, Promise
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from bigasia.articles import fragments
from bigasia.core.templatetags.bigasia import views_label
from bigasia.readership import holes
from bigasia.readership.counts import view_counts

register = template.Library()

_MEMO = "_readership_counts"


def _pages_in(value: object, depth: int = 0) -> Iterator[Page]:
    """Pages found in a context value: a page, or lists/tuples/paginator pages of them.

    Lazy values (the CSRF token, the user) are left alone: evaluating them would set a
    cookie or read the session and make the page uncacheable for everyone."""
    if isinstance(value, LazyObject | Promise):
        return
    if isinstance(value, Page):
        yield value
    elif depth < 3 and isinstance(value, list | tuple | PaginatorPage):
        for item in value:
            yield from _pages_in(item, depth + 1)


@register.simple_tag(takes_context=True)
def article_views(context: Context, page: Page) -> int:
    """The view count of a page. The first call in a request reads the counts of every page
    in the template context at once (the story, its related stories, a list's cards), so a
    page of cards costs one cache round trip and at most one query, not one per card."""
    request = context.get("request")
    memo = getattr(request, _MEMO, None) if request is not None else None
    if memo is None or page.pk not in memo:
        ids = {p.pk for value in context.flatten().values() for p in _pages_in(value)}
        ids.add(page.pk)
        memo = {**(memo or {}), **view_counts(ids)}
        if request is not None:
            setattr(request, _MEMO, memo)
    count: int = memo.get(page.pk, 0)
    return count


@register.simple_tag(takes_context=True)
def view_count(context: Context, page: Page) -> str:
    """The page's view count with its plural form; inside a fragment rendered for the cache,
    a hole that the served response fills with the count of the moment (holes.py)."""
    if fragments.in_cached_fragment(context):
        return holes.view_hole(page.pk)
    return views_label(article_views(context, page))


@register.inclusion_tag("readership/beacon.html", takes_context=True)
def view_beacon(context: Context, page: Page) -> dict[str, Any]:
    request = context.get("request")
    return {"page": page, "is_preview": bool(getattr(request, "is_preview", False))}


@register.simple_tag(takes_context=True)
def most_read_block(context: Context, limit: int = 5) -> SafeString:
    """The "Most read" block of the page's language: last 24 hours and last 7 days.

    Its HTML follows from the lists and the language alone, so each process keeps the last
    few it made: rendering the ten links and their counts was a tenth of an article render
    from fragments."""
    from bigasia.readership.mostread import WINDOWS, most_read_lists

    page = context.get("page")
    if page is None:
        return SafeString("")
    lists = most_read_lists(page.locale_id, WINDOWS, limit, context.get("request"))
    shown = tuple((window, tuple(entries)) for window, entries in lists.items() if entries)
    return mark_safe(_most_read_html(translation.get_language(), shown))


@functools.lru_cache(maxsize=64)  # blocks: a few per language between two rankings
def _most_read_html(language: str, lists: tuple[Any, ...]) -> str:
    # The language is in the arguments only to key the cache: it is the active one.
    return render_to_string("readership/most_read.html", {"lists": lists})
