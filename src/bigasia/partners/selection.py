"""Which partner items the block shows: newest few per partner, in the page's language, taken
in turns across partners, with the partner who leads rotating over time (fair exposure)."""

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Window
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


def _candidates(language: str) -> list[list[PartnerItem]]:
    """Per partner (partners without items are simply absent), newest first; one query."""
    newest = (
        FeedItem.objects.filter(
            source__kind=FeedSource.Kind.PARTNER,
            source__enabled=True,
            source__language=language,
        )
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
        .order_by("source__name", "rank")
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
    return list(by_partner.values())


def partner_items(language: str, limit: int | None = None) -> list[PartnerItem]:
    limit = limit or settings.PARTNERS_BLOCK_SIZE
    key = f"partners:candidates:{language}"
    groups = cache.get(key)
    if groups is None:
        groups = _candidates(language)
        cache.set(key, groups, settings.PARTNERS_CACHE_SECONDS)
    if not groups:
        return []
    turn = int(time.time() // settings.PARTNERS_ROTATE_SECONDS) % len(groups)
    rotated = groups[turn:] + groups[:turn]
    chosen: list[PartnerItem] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(group) for group in rotated):
        chosen += [group[depth] for group in rotated if depth < len(group)]
        depth += 1
    return chosen[:limit]
