"""Purge by surrogate tag at the CDN named by EDGE_CDN (docs/edge.md, "The CDN")."""

from django.conf import settings

from bigasia.core.providers import provider_class

from .base import Purger

ALIASES = {
    "cloudflare": "bigasia.edge.purgers.cloudflare.Cloudflare",
    "fastly": "bigasia.edge.purgers.fastly.Fastly",
    "varnish": "bigasia.edge.purgers.varnish.Varnish",
}


def purger_class() -> type[Purger] | None:
    """The configured CDN's purger, or None when no CDN purges by tag."""
    if not settings.EDGE_CDN:
        return None
    return provider_class(ALIASES.get(settings.EDGE_CDN, settings.EDGE_CDN), Purger, "EDGE_CDN")


def cdn_header(tags: list[str]) -> tuple[str, str] | None:
    """The response header that names these tags to the configured CDN, if there is one."""
    cls = purger_class()
    return cls.response_header(tags) if cls else None
