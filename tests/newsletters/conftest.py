"""Newsletter tests talk to a real SMTP server on loopback and sign with a real DKIM key."""

import pytest

from tests.smtp import SmtpServer

from .dkim import make_dkim_key

DKIM_DOMAIN = "bigasia.test"
DKIM_SELECTOR = "news2026"


@pytest.fixture(scope="session")
def dkim_key(tmp_path_factory):
    return make_dkim_key(tmp_path_factory.mktemp("dkim"))


@pytest.fixture(scope="session")
def _mail_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(_mail_server, dkim_key, settings):
    """Mail goes through the project's backend (DKIM wrapper → SMTP) to the loopback server."""
    settings.EMAIL_BACKEND = "bigasia.newsletters.dkim_backend.DKIMSigningBackend"
    settings.EMAIL_TRANSPORT = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _mail_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DKIM_DOMAIN = DKIM_DOMAIN
    settings.DKIM_SELECTOR = DKIM_SELECTOR
    settings.DKIM_PRIVATE_KEY = dkim_key.private_pem
    settings.DEFAULT_FROM_EMAIL = "news@bigasia.test"
    settings.NEWSLETTER_MESSAGE_ID_DOMAIN = DKIM_DOMAIN
    settings.SITE_URL = "https://bigasia.test"
    _mail_server.inbox.clear()
    yield _mail_server.inbox
    _mail_server.inbox.clear()
