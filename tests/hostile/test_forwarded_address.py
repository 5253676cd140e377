"""The proxy's client-address header may hold anything when a request reached the app around
the proxy: a subscription still works, and only a real address is kept with the consent."""

import pytest

from bigasia.newsletters.models import Consent
from tests.newsletters import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("forwarded", ["not-an-address", "zz::junk", "203.0.113.7, 999.1.1.1"])
def test_a_junk_forwarded_address_neither_breaks_a_subscription_nor_is_kept(
    client, settings, mailoutbox, forwarded
):
    settings.READERSHIP_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"  # as behind deploy/nginx.conf
    daily = factories.newsletter("ru", "d-ru")
    answer = client.post(
        "/ru/newsletters/", factories.form_data([daily]), HTTP_X_FORWARDED_FOR=forwarded
    )
    assert answer.status_code == 302
    assert Consent.objects.get().ip_address is None
    assert len(mailoutbox) == 1  # the confirmation request


def test_a_real_forwarded_address_is_kept_with_the_consent(client, settings, mailoutbox):
    settings.READERSHIP_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    daily = factories.newsletter("ru", "d-ru")
    client.post(
        "/ru/newsletters/",
        factories.form_data([daily]),
        HTTP_X_FORWARDED_FOR="1.2.3.4, 2001:db8::7",
    )
    assert Consent.objects.get().ip_address == "2001:db8::7"
