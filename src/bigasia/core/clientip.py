"""The reader's address, by one rule for every feature (view beacons, sign-up limits, consent
records): the proxy's header only when the connection comes from a trusted proxy.

Behind the shipped nginx (deploy/nginx.conf) every connection comes from 127.0.0.1, which
sets `X-Real-IP` to the address it saw; TRUSTED_PROXIES names such proxies. A header sent by
anyone else is the client's own say and is ignored, so it cannot pick its rate-limit bucket.
"""

import ipaddress
from collections.abc import Mapping
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(meta: Mapping[str, str]) -> str:
    """The client's address from a WSGI environ (or a request's META)."""
    peer = meta.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not (header and settings.TRUSTED_PROXIES and _trusted(peer, settings.TRUSTED_PROXIES)):
        return peer
    # With X-Forwarded-For our proxy appends the address it saw last; earlier ones are the
    # client's say. X-Real-IP holds that one address alone.
    forwarded = meta.get(header, "").rpartition(",")[2].strip()
    return forwarded if _is_address(forwarded) else peer


def request_ip(request: HttpRequest) -> str:
    return client_ip(request.META)


@lru_cache(maxsize=1024)
def _trusted(peer: str, proxies: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in network for network in proxies)


@lru_cache(maxsize=4096)
def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
