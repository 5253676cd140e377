"""Staleness: when a source page is published, its translations learn what changed."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .desk import source_snapshot
from .models import TranslationStatus


@receiver(page_published)
def mark_stale_translations(sender, instance, **kwargs) -> None:
    statuses = list(TranslationStatus.objects.filter(source_page_id=instance.pk))
    if not statuses:
        return
    current = source_snapshot(instance.specific)
    for status in statuses:
        changed = changed_paths(status.source_snapshot, current)
        if changed != status.changed_paths:
            status.changed_paths = changed
            status.source_changed = bool(changed)
            status.save(update_fields=["changed_paths", "source_changed"])


def changed_paths(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """Segment paths added, removed or edited between two snapshots, in source order."""
    paths = list(now) + [path for path in before if path not in now]
    return [path for path in paths if before.get(path) != now.get(path)]
