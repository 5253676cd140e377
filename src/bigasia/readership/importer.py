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


def import_counts(historic: dict[int, int]) -> int:
    """Set each page's historic (pre-beacon) count; its total becomes historic + buckets.

    Setting, not adding, makes an import safe to repeat. Two statements however many pages:
    the buckets' sums, then one upsert of the totals. Inside a caller's transaction (the
    archive import's, one per post) it takes no savepoint of its own: a failure here fails
    the caller's transaction as a whole."""
    with transaction.atomic(savepoint=False):
        counted = _bucket_totals(historic)
        ArticleViews.objects.bulk_create(
            [
                ArticleViews(page_id=page_id, imported=views, views=views + counted.get(page_id, 0))
                for page_id, views in historic.items()
            ],
            update_conflicts=True, unique_fields=["page"], update_fields=["imported", "views"],
        )  # fmt: skip
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
