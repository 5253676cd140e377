"""Feed parsers behind one base class, chosen per source format by dotted path
(settings.FEEDS_PARSERS)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from bigasia.core.providers import provider_class

from .base import FeedParser, ParsedItem

__all__ = ["FeedParser", "ParsedItem", "parser_for"]


def parser_for(feed_format: str) -> FeedParser:
    try:
        path = settings.FEEDS_PARSERS[feed_format]
    except KeyError as exc:
        raise ImproperlyConfigured(f"No feed parser configured for format {feed_format!r}") from exc
    return provider_class(path, FeedParser, f"FEEDS_PARSERS[{feed_format!r}]")()
