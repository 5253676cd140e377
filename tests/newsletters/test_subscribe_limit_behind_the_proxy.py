"""Sign-up attempts are limited per reader behind the shipped nginx (all connections from
127.0.0.1, the reader's address in its header), and a peer that is no proxy cannot pick
another bucket by sending that header itself."""

import pytest

from bigasia.settings.env import env_networks
from tests import deploy_files

from . import factories

PAGE = "/ru/newsletters/"
NGINX = "127.0.0.1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped_proxy(settings, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", deploy_files.env_example()["TRUSTED_PROXIES"])
    settings.TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
    settings.NEWSLETTER_ATTEMPTS_PER_IP_HOUR = 2
    return deploy_files.nginx_client_ip_header()


def _attempts(client, daily, peer: str, header: str, readers: list[str]) -> list[int]:
    forms = [factories.form_data([daily], email=f"r{n}@{reader}.example.org") for n, reader
             in enumerate(readers)]  # fmt: skip
    return [
        client.post(PAGE, form, REMOTE_ADDR=peer, **{header: reader}).status_code
        for form, reader in zip(forms, readers, strict=True)
    ]


def test_it_limits_each_reader_apart_behind_nginx(client, smtp, shipped_proxy):
    daily = factories.newsletter("ru", "d-ru")

    one = _attempts(client, daily, NGINX, shipped_proxy, ["198.51.100.1"] * 3)
    other = _attempts(client, daily, NGINX, shipped_proxy, ["198.51.100.2"])

    assert one == [302, 302, 429] and other == [302]


def test_it_ignores_the_header_from_a_peer_that_is_no_proxy(client, smtp, shipped_proxy):
    daily = factories.newsletter("ru", "d-ru")
    spoofed = ["198.51.100.7", "198.51.100.8", "198.51.100.9"]

    assert _attempts(client, daily, "203.0.113.66", shipped_proxy, spoofed) == [302, 302, 429]
