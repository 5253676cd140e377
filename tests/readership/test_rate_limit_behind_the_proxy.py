"""Behind the shipped nginx every connection comes from 127.0.0.1: the beacon rate limit is
per reader by the address nginx sends, and a header from any other peer is not believed."""

import pytest
from django.conf import settings as django_settings

from bigasia.settings.env import env_networks
from tests import deploy_files

NGINX = "127.0.0.1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped_proxy(settings, monkeypatch):
    """The client-address settings as deploy/env.example and deploy/nginx.conf make them."""
    shipped = deploy_files.env_example()
    monkeypatch.setenv("TRUSTED_PROXIES", shipped["TRUSTED_PROXIES"])
    settings.TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
    if "CLIENT_IP_HEADER" in shipped:
        settings.CLIENT_IP_HEADER = shipped["CLIENT_IP_HEADER"]
    assert django_settings.CLIENT_IP_HEADER == deploy_files.nginx_client_ip_header()
    settings.READERSHIP_RATE_PER_MINUTE = 3


def _beacons(send_beacon, page_id: int, peer: str, readers: list[str]) -> list[int]:
    from bigasia.readership.buffer import view_buffer

    statuses = []
    for reader in readers:
        statuses.append(
            send_beacon(page_id, ip=peer, **{deploy_files.nginx_client_ip_header(): reader})
        )
        view_buffer.flush()  # time passing: with Redis, beacons are judged at the flush
    return statuses


def test_it_limits_each_reader_apart_behind_nginx(shipped_proxy, send_beacon, seed_article):
    # Judged at once the 4th beacon is refused; queued for Redis, the 5th (admission.py).
    first = _beacons(send_beacon, seed_article.pk, NGINX, ["198.51.100.1"] * 6)
    other = _beacons(send_beacon, seed_article.pk, NGINX, ["198.51.100.2"])

    assert first[:3] == [204, 204, 204] and first[-2:] == [429, 429]
    assert other == [204]


def test_it_ignores_the_header_from_a_peer_that_is_no_proxy(
    shipped_proxy, send_beacon, seed_article
):
    spoofed = [f"198.51.100.{n}" for n in range(6)]

    assert _beacons(send_beacon, seed_article.pk, "203.0.113.66", spoofed)[-2:] == [429, 429]
