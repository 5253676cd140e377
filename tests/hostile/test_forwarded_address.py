"""The proxy's client-address header may hold anything when a request reached the app around
the proxy: a subscription still works, and only a real address is kept with the consent
(bigasia.core.clientip: the header is believed from TRUSTED_PROXIES only, and only when it
holds an address; otherwise the connection's own address is taken)."""

import ipaddress

import pytest

from bigasia.newsletters.models import Consent
from tests.newsletters import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_nginx(settings):
    """As deploy/env.example sets it: the test client's peer (127.0.0.1) is the proxy."""
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"


@pytest.mark.parametrize("forwarded", ["not-an-address", "zz::junk", "203.0.113.7, 999.1.1.1"])
def test_a_junk_forwarded_address_neither_breaks_a_subscription_nor_is_kept(
    client, behind_nginx, mailoutbox, forwarded
):
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(
        "/ru/newsletters/", factories.form_data([daily]), HTTP_X_FORWARDED_FOR=forwarded
    )
    assert answer.status_code == 302
    assert Consent.objects.get().ip_address == "127.0.0.1"  # the proxy's, never the junk


def test_a_real_forwarded_address_is_kept_with_the_consent(client, behind_nginx):
    daily = factories.newsletter("ru", "d-ru")
    client.post(
        "/ru/newsletters/",
        factories.form_data([daily]),
        HTTP_X_FORWARDED_FOR="1.2.3.4, 2001:db8::7",
    )
    assert Consent.objects.get().ip_address == "2001:db8::7"
