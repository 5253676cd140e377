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


# IPv6 forms that carry an IPv4 address in their low 32 bits: a connection to one reaches
# (through a NAT64 gateway, a SIIT translator or the host's own stack) that IPv4 address.
_LOW_32_BITS_CARRY_IPV4 = [
    ipaddress.ip_network(net)
    for net in (
        "::ffff:0:0/96",  # IPv4-mapped
        "::ffff:0:0:0/96",  # IPv4-translated (SIIT)
        "::/96",  # IPv4-compatible (deprecated; ::1 is 0.0.0.1 here, and refused as such)
        "64:ff9b::/96",  # NAT64 well-known prefix
        "64:ff9b:1::/48",  # NAT64 local-use prefix, read as its /96 form …
    )
]
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # … and as its RFC 6052 /48 form


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address stands for (NAT64, 6to4, Teredo, mapped,
    translated, compatible); empty for an IPv4 address or a native IPv6 one."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    carried = []
    value = int(address)
    if any(address in network for network in _LOW_32_BITS_CARRY_IPV4):
        carried.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if address in _NAT64_LOCAL:  # bits 48-63 and 72-87, skipping the "u" octet
        high, low = (value >> 64) & 0xFFFF, (value >> 40) & 0xFFFF
        carried.append(ipaddress.IPv4Address(high << 16 | low))
    if address.sixtofour is not None:
        carried.append(address.sixtofour)
    if address.teredo is not None:
        carried.extend(address.teredo)  # the relay server and the (un-obfuscated) client
    return carried


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast: rules out loopback, private, link-local (and so the
    169.254.169.254 metadata service), CGNAT 100.64/10, multicast, reserved, unspecified.
    An IPv6 address that carries IPv4 addresses is public only if every one of them is."""
    if carried := embedded_ipv4(address):
        return all(is_public(ipv4) for ipv4 in carried)
    return address.is_global and not address.is_multicast


def is_permitted(address: IPAddress) -> bool:
    """Public, or inside FEEDS_ALLOWED_NETWORKS; an IPv6 address that carries IPv4
    addresses is judged by them (or allow-listed as itself)."""
    networks = allowed_networks()
    if any(address in network for network in networks):
        return True
    if carried := embedded_ipv4(address):
        return all(is_permitted(ipv4) for ipv4 in carried)
    return is_public(address)


def resolve(host: str, port: int) -> Destination:
    """The first permitted address the host resolves to; FetchError if there is none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("dns", f"cannot resolve {host}: {exc}") from exc
    refused = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if is_permitted(address):
            return Destination(host=host, address=str(address), port=port)
        refused.append(str(address))
    raise FetchError("unsafe-address", f"{host} resolves only to refused addresses {refused}")
