"""The archive sources `bigasia import <kind>` knows, by kind: one module per format."""

from bigasia.core.providers import provider_class

from .source import ArchiveSource

SOURCES = {
    "wxr": "bigasia.archive.formats.wxr.WxrSource",
    "ghost": "bigasia.archive.formats.ghost.GhostSource",
    "rss": "bigasia.archive.formats.rss.RssSource",
}


def source_class(kind: str) -> type[ArchiveSource]:
    # mypy refuses an abstract class for type[T]; provider_class only checks subclassing.
    return provider_class(SOURCES[kind], ArchiveSource, f"import {kind}")  # type: ignore[type-abstract]
