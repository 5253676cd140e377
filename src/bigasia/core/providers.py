"""Providers chosen by dotted path in settings (feed parsers, counter stores, translators).

One loader for all of them, so a bad path fails the same way everywhere: ImproperlyConfigured
naming the setting, raised from the import error that caused it.
"""

from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

T = TypeVar("T")


def provider_class(path: str, base: type[T], setting: str) -> type[T]:
    """The class `path` names; it must be a subclass of `base`."""
    try:
        cls = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"{setting}={path!r} cannot be imported: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise ImproperlyConfigured(f"{setting}={path!r} is not a {base.__name__} subclass.")
    return cls
