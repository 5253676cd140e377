"""Counts for display: cached briefly, read in one query for a whole page of stories."""

import redis
from django.conf import settings
from django.core.cache import cache

from .models import ArticleViews

_CACHE_ERRORS = (redis.RedisError, OSError)


def _key(page_id: int) -> str:
    return f"readership:count:{page_id}"


def view_counts(page_ids) -> dict[int, int]:
    """{page id: views} for every id asked (0 when never viewed); one cache round trip and at
    most one query. Counts may lag by READERSHIP_COUNTS_CACHE_SECONDS."""
    ids = list(dict.fromkeys(page_ids))
    if not ids:
        return {}
    try:
        cached = cache.get_many([_key(i) for i in ids])
    except _CACHE_ERRORS:
        cached = {}
    found = {i: cached[_key(i)] for i in ids if _key(i) in cached}
    missing = [i for i in ids if i not in found]
    if missing:
        fresh = dict(
            ArticleViews.objects.filter(page_id__in=missing).values_list("page_id", "views")
        )
        fresh = {i: fresh.get(i, 0) for i in missing}
        try:
            cache.set_many(
                {_key(i): n for i, n in fresh.items()}, settings.READERSHIP_COUNTS_CACHE_SECONDS
            )
        except _CACHE_ERRORS:
            pass  # counts are served from the database until the cache is back
        found.update(fresh)
    return found
