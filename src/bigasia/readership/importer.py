"""Historic counts from CSV, and recounting totals from the daily buckets."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Sum

from .models import ArticleViews, DailyViews


def _bucket_totals(page_ids: Iterable[int] | None = None) -> dict[int, int]:
    rows = DailyViews.objects.all()
    if page_ids is not None:
        rows = rows.filter(page_id__in=list(page_ids))
    return dict(rows.values("page_id").annotate(total=Sum("views")).values_list("page_id", "total"))


@transaction.atomic
def import_counts(historic: dict[int, int]) -> int:
    """Set each page's historic (pre-beacon) count; its total becomes historic + buckets.

    Setting, not adding, makes an import safe to repeat."""
    counted = _bucket_totals(historic)
    for page_id, views in historic.items():
        total = views + counted.get(page_id, 0)
        ArticleViews.objects.update_or_create(
            page_id=page_id, defaults={"imported": views, "views": total}
        )
    return len(historic)


@transaction.atomic
def recount() -> int:
    """Repair every total as imported + the sum of its daily buckets; returns rows changed."""
    counted = _bucket_totals()
    changed = 0
    existing = {row.page_id: row for row in ArticleViews.objects.select_for_update()}
    for page_id in set(existing) | set(counted):
        row = existing.get(page_id) or ArticleViews(page_id=page_id)
        total = row.imported + counted.get(page_id, 0)
        if row.views != total or row._state.adding:
            row.views = total
            row.save()
            changed += 1
    return changed
