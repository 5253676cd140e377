"""Which partner items the block shows: newest few per partner, in the page's language, taken
in turns across partners, with the partner who leads rotating over time (fair exposure)."""

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber

from bigasia.feeds.models import FeedItem, FeedSource


@dataclass(frozen=True)
class PartnerItem:
    id: int
    title: str
    partner: str
    source_id: int
    published_at: datetime | None
    image_url: str


def _partners_with_items(language: str) -> list[int]:
    """Enabled partners in the language with at least one linkable item, in name order."""
    linkable = FeedItem.objects.filter(source=OuterRef("pk")).exclude(link="")
    partners = FeedSource.objects.filter(
        Exists(linkable), kind=FeedSource.Kind.PARTNER, enabled=True, language=language
    )
    return list(partners.order_by("name", "pk").values_list("pk", flat=True))


def _newest_items(source_ids: list[int]) -> dict[int, list[PartnerItem]]:
    """Each source's newest linkable items (at most PARTNERS_PER_PARTNER); one query."""
    newest = (
        FeedItem.objects.filter(source_id__in=source_ids)
        .exclude(link="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("source_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=settings.PARTNERS_PER_PARTNER)
        .select_related("source")
        .order_by("rank")
    )
    by_partner: dict[int, list[PartnerItem]] = {}
    for item in newest:
        by_partner.setdefault(item.source_id, []).append(
            PartnerItem(
                item.pk,
                item.title,
                item.source.name,
                item.source_id,
                item.published_at,
                item.image_url,
            )
        )
    return by_partner


def _choose(language: str, limit: int, rotation: int) -> list[PartnerItem]:
    partners = _partners_with_items(language)
    if not partners:
        return []
    turn = rotation % len(partners)
    # Items are taken in turns (everyone's newest, then everyone's second...), so only the
    # first `limit` partners of the rotation can reach the block: read just their items,
    # not the items of every partner (a thousand partners made that a 90 ms query).
    shown = (partners[turn:] + partners[:turn])[:limit]
    by_partner = _newest_items(shown)
    groups = [by_partner[pk] for pk in shown if pk in by_partner]
    chosen: list[PartnerItem] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(group) for group in groups):
        chosen += [group[depth] for group in groups if depth < len(group)]
        depth += 1
    return chosen[:limit]


def _rotation(now: float) -> int:
    return int(now // settings.PARTNERS_ROTATE_SECONDS)


def block_key(language: str, limit: int | None = None, now: float | None = None) -> str:
    """The cache key of the block shown at the wall-clock moment `now` (the present when not
    given): the block is the same for everyone within one rotation step."""
    limit = limit or settings.PARTNERS_BLOCK_SIZE
    now = time.time() if now is None else now
    return f"partners:block:{language}:{limit}:{_rotation(now)}"


def partner_items(
    language: str, limit: int | None = None, now: float | None = None
) -> list[PartnerItem]:
    """The block's items at the wall-clock moment `now` (the present when not given)."""
    limit = limit or settings.PARTNERS_BLOCK_SIZE
    now = time.time() if now is None else now
    # The finished block is what is cached: a render reads a handful of items, not every
    # partner's (unpickling a thousand partners' lists per render cost 6 ms and, through the
    # garbage they left, 160 ms collector pauses at p99).
    key = block_key(language, limit, now)
    chosen = cache.get(key)
    if chosen is None:
        chosen = _choose(language, limit, _rotation(now))
        cache.set(key, chosen, settings.PARTNERS_CACHE_SECONDS)
    return chosen
