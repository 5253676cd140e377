"""Feed parsers behind one base class, chosen per source format by dotted path
(settings.FEEDS_PARSERS)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import FeedParser, ParsedItem

__all__ = ["FeedParser", "ParsedItem", "parser_for"]


def parser_for(feed_format: str) -> FeedParser:
    try:
        path = settings.FEEDS_PARSERS[feed_format]
    except KeyError as exc:
        raise ImproperlyConfigured(f"No feed parser configured for format {feed_format!r}") from exc
    try:
        parser_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"Feed parser {path!r} cannot be imported") from exc
    if not (isinstance(parser_class, type) and issubclass(parser_class, FeedParser)):
        raise ImproperlyConfigured(f"{path!r} is not a FeedParser subclass")
    return parser_class()
