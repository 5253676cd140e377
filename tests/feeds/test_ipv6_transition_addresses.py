"""The SSRF guard judges an IPv6 address that carries an IPv4 one (NAT64, 6to4, Teredo,
IPv4-compatible, -mapped, -translated) by the same rule as that IPv4 address."""

import ipaddress

import pytest

from bigasia.feeds.models import FeedSource
from bigasia.feeds.netguard import is_permitted
from bigasia.feeds.polling import poll_source

pytestmark = pytest.mark.django_db

LOOPBACK_IN_DISGUISE = [
    "64:ff9b::7f00:1",  # NAT64 well-known prefix
    "64:ff9b:1::7f00:1",  # NAT64 local-use prefix, /96 form
    "64:ff9b:1:7f00:0:100::",  # NAT64 local-use prefix, RFC 6052 /48 form
    "2002:7f00:1::1",  # 6to4
    "::127.0.0.1",  # IPv4-compatible
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:0:7f00:1",  # IPv4-translated
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
]
PRIVATE_IN_DISGUISE = [
    "64:ff9b::a9fe:a9fe",  # the metadata service 169.254.169.254 through NAT64
    "2002:c0a8:101::1",  # 192.168.1.1 through 6to4
    "::ffff:0:a00:1",  # 10.0.0.1, translated
    "64:ff9b::6440:1",  # CGNAT 100.64.0.1
]
PUBLIC = ["64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8", "2a00:1450:4001:80b::200e"]


@pytest.mark.parametrize("address", LOOPBACK_IN_DISGUISE + PRIVATE_IN_DISGUISE)
def test_it_refuses_an_ipv6_form_of_a_refused_ipv4_address(settings, address):
    settings.FEEDS_ALLOWED_NETWORKS = []
    assert not is_permitted(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_it_permits_an_ipv6_form_of_a_public_ipv4_address(settings, address):
    settings.FEEDS_ALLOWED_NETWORKS = []
    assert is_permitted(ipaddress.ip_address(address))


def test_it_applies_the_allow_list_to_the_carried_ipv4_address(settings):
    settings.FEEDS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert is_permitted(ipaddress.ip_address("64:ff9b::7f00:1"))
    assert not is_permitted(ipaddress.ip_address("64:ff9b::7f00:2"))


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:7f00:1::1", "::ffff:0:7f00:1"])
def test_it_refuses_a_feed_at_an_ipv6_loopback_in_disguise_before_connecting(settings, address):
    settings.FEEDS_ALLOWED_NETWORKS = []
    source = FeedSource.objects.create(
        name="disguised", url=f"http://[{address}]:9/feed.xml", language="ru", kind="partner"
    )
    poll_source(source.pk)
    source.refresh_from_db()
    assert source.status == FeedSource.Status.ERROR
    assert source.last_error.startswith("unsafe-address"), source.last_error
