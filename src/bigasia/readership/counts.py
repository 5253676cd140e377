"""Counts for display: cached briefly, read in one query for a whole page of stories."""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache

from .models import ArticleViews


def _key(page_id: int) -> str:
    return f"readership:count:{page_id}"


def view_counts(page_ids: Iterable[int]) -> dict[int, int]:
    """{page id: views} for every id asked (0 when never viewed); one cache round trip and at
    most one query. Counts may lag by READERSHIP_COUNTS_CACHE_SECONDS."""
    ids = list(dict.fromkeys(page_ids))
    if not ids:
        return {}
    # With Redis down the cache answers from process memory (bigasia.edge.redis_cache).
    cached = cache.get_many([_key(i) for i in ids])
    found = {i: cached[_key(i)] for i in ids if _key(i) in cached}
    missing = [i for i in ids if i not in found]
    if missing:
        fresh = dict(
            ArticleViews.objects.filter(page_id__in=missing).values_list("page_id", "views")
        )
        fresh = {i: fresh.get(i, 0) for i in missing}
        cache.set_many(
            {_key(i): n for i, n in fresh.items()}, settings.READERSHIP_COUNTS_CACHE_SECONDS
        )
        found.update(fresh)
    return found
