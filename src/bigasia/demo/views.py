"""Demo readership: 90 days of hourly views for every live story that has none, written in
bulk through the readership's counter store, then the most-read rankings.

A count belongs to an edition (a language's page), as the readership app counts it; the
demo gives both editions of a story one popularity and the English edition a smaller
audience (ENGLISH_SHARE), so a story read in Russian is read, less, in English too."""

import bisect
import random
from collections import Counter
from datetime import datetime

from bigasia.articles.models import ArticlePage
from bigasia.readership import mostread
from bigasia.readership.models import DailyViews
from bigasia.readership.stores import Batch, RedisStore, current_hour, get_store

DAYS = 90
HOURS = DAYS * 24
ENGLISH_SHARE = 0.4
# Typical 90-day views of an illustrated (hand-written) story and of a synthetic one.
ILLUSTRATED_VIEWS = 2500
SYNTHETIC_VIEWS = 40
MOSCOW_OFFSET = 3  # hours ahead of UTC, all year
# Share of an hour's traffic by Moscow hour: quiet nights, a morning and an evening peak.
DAY_SHAPE = [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.85, 1.0, 1.0, 0.95,
             0.9, 0.85, 0.8, 0.75, 0.7, 0.75, 0.85, 0.95, 0.9, 0.7, 0.5, 0.35]  # fmt: skip
PAGES_PER_WRITE = 200


def add_view_history(now: datetime) -> int:
    """Returns how many views were written."""
    first_hour = current_hour() - (HOURS - 1) * 3600
    cumulative = _hour_weights(first_hour)
    counted = set(DailyViews.objects.values_list("page_id", flat=True).distinct())
    pages = (
        ArticlePage.objects.live()
        .exclude(pk__in=counted)
        .values_list("pk", "locale_id", "locale__language_code", "translation_key", "hero_image")
        .order_by("pk")
    )
    store, written, pending_pages = get_store(), 0, 0
    batch: Batch = Counter()
    for page_id, locale_id, language, translation_key, hero in pages.iterator():
        rng = random.Random(str(translation_key))  # the same draw for both editions
        total = _story_views(rng, illustrated=hero is not None)
        if language != "ru":
            total = round(total * ENGLISH_SHARE)
        rng = random.Random(f"{translation_key}:{language}")
        for index in _hours_read(rng, cumulative, total):
            batch[(page_id, locale_id, first_hour + index * 3600)] += 1
        written += total
        pending_pages += 1
        if pending_pages >= PAGES_PER_WRITE:
            store.write(batch)
            batch, pending_pages = Batch(), 0
    store.write(batch)
    if isinstance(store, RedisStore):
        store.move_to_database()  # the periodic mover would, within seconds; figures now
    mostread.rank_all(now)
    return written


def _story_views(rng: random.Random, illustrated: bool) -> int:
    typical = ILLUSTRATED_VIEWS if illustrated else SYNTHETIC_VIEWS
    # A long tail: most stories near the typical figure, a few read many times more.
    return int(typical * min(rng.paretovariate(1.6), 12) * rng.uniform(0.5, 1.0))


def _hour_weights(first_hour: int) -> list[float]:
    """Cumulative weights of the window's hours: the day's shape, growing towards now."""
    cumulative, running = [], 0.0
    for index in range(HOURS):
        moscow_hour = (first_hour // 3600 + index + MOSCOW_OFFSET) % 24
        running += DAY_SHAPE[moscow_hour] * (0.5 + index / HOURS)
        cumulative.append(running)
    return cumulative


def _hours_read(rng: random.Random, cumulative: list[float], total: int) -> list[int]:
    """Hour indexes of `total` views: most along the window's shape, a fifth in a burst of a
    day or two (the story was in the news), so the 24-hour and 7-day lists differ."""
    burst = total // 5
    start = rng.randrange(HOURS - 48)
    hours = [start + rng.randrange(48) for _ in range(burst)]
    top = cumulative[-1]
    hours += [bisect.bisect(cumulative, rng.random() * top) for _ in range(total - burst)]
    return [min(hour, HOURS - 1) for hour in hours]
