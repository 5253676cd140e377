"""The admin works offline and tells no third party who the editors are: no Gravatar image
and no update check unless the operator asks for them."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_dashboard_names_no_outside_service(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "Панель управления" in page or "Dashboard" in page
    assert "gravatar" not in page.lower()
    assert "w-upgrade" not in page


def test_an_operator_may_turn_both_on(client, admin_user, settings):
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "www.gravatar.com/avatar/" in page
    assert "w-upgrade" in page
