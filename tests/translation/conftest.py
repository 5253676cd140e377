"""Fixtures of the translation desk's tests: a translator service on loopback, configured."""

import pytest

from tests.translation.fake_services import serve

FAST = {"CONNECT_TIMEOUT": 2, "READ_TIMEOUT": 2, "MAX_ATTEMPTS": 3, "BACKOFF": 0.01}


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages of direct calls in English; the admin's views speak the editor's language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def fake_service():
    state, server = serve()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def libretranslate(settings, fake_service):
    """MT_BACKEND=libretranslate pointed at the fake; yields the fake's state."""
    settings.MT_BACKEND = "libretranslate"
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "bigasia.translation.localize.DeskMachineTranslator"
    }
    settings.MT_SETTINGS = {
        **settings.MT_SETTINGS,
        **FAST,
        "LIBRETRANSLATE_URL": fake_service.base_url,
    }
    return fake_service


@pytest.fixture
def english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("desk-admin", "desk@example.org", "pw")
