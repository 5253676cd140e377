"""Which addresses the feed fetcher may connect to (the SSRF guard).

A feed URL is outside input: an editor (or a redirect chosen by a partner's server) could
point it at the metadata service, the database or a router. Only globally routable unicast
addresses are allowed unless the operator allow-lists networks in FEEDS_ALLOWED_NETWORKS.
The fetcher connects to the very address checked here, so a second DNS answer cannot slip
in between the check and the connection (DNS rebinding).
"""

import ipaddress
import socket
from dataclasses import dataclass

from django.conf import settings

from .errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Destination:
    host: str
    address: str
    port: int


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(net, strict=False) for net in settings.FEEDS_ALLOWED_NETWORKS]


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast: rules out loopback, private, link-local (and so the
    169.254.169.254 metadata service), CGNAT 100.64/10, multicast, reserved, unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def is_permitted(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address in network for network in allowed_networks()):
        return True
    return is_public(address)


def resolve(host: str, port: int) -> Destination:
    """The first permitted address the host resolves to; FetchError if there is none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("dns", f"cannot resolve {host}: {exc}") from exc
    refused = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if is_permitted(address):
            return Destination(host=host, address=str(address), port=port)
        refused.append(str(address))
    raise FetchError("unsafe-address", f"{host} resolves only to refused addresses {refused}")
