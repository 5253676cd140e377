"""`make run` has no mail server: mail lands in the local outbox, where an editor opens it in
the admin (DEBUG only) and follows its links — double opt-in end to end on one machine."""

import os
import re
import subprocess
import sys

import pytest
from django.test import Client

from bigasia.newsletters.models import Subscriber

from . import factories

pytestmark = pytest.mark.django_db
OUTBOX = "/admin/newsletters/outbox/"


@pytest.fixture
def local_outbox(settings, tmp_path):
    """The mail settings `make run` has: DEBUG, the local outbox behind the DKIM wrapper."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "bigasia.newsletters.dkim_backend.DKIMSigningBackend"
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.outbox.LocalOutboxBackend"
    settings.LOCAL_OUTBOX_DIR = tmp_path / "outbox"
    settings.SITE_URL = "http://testserver"
    return settings.LOCAL_OUTBOX_DIR


@pytest.fixture
def desk(editor):
    desk = Client()
    desk.force_login(editor)
    return desk


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="(http://testserver/[^"]+)"', html)


@pytest.mark.parametrize(
    "language, subject, confirmed",
    [
        ("ru", "Подтвердите подписку", "Подписка подтверждена"),
        ("en", "Confirm your subscription", "Subscription confirmed"),
    ],
)
def test_an_editor_opens_the_confirmation_in_the_local_outbox_and_its_link_confirms(
    client, desk, local_outbox, language, subject, confirmed
):
    daily = factories.newsletter(language, f"d-{language}")
    data = factories.form_data([daily], email="reader@example.org", language=language)
    assert client.post(f"/{language}/newsletters/", data).status_code == 302

    listing = desk.get(OUTBOX).content.decode()
    assert "reader@example.org" in listing and subject in listing
    [name] = re.findall(r'href="/admin/newsletters/outbox/([0-9a-f-]+)/"', listing)
    shown = desk.get(f"{OUTBOX}{name}/").content.decode()
    [confirm] = [url for url in _links(shown) if "/newsletters/confirm/" in url]
    path = confirm.removeprefix("http://testserver")
    assert client.get(path).status_code == 200  # the page with the button
    answer = client.post(path)
    assert answer.status_code == 200 and confirmed in answer.content.decode()
    assert Subscriber.objects.get(email="reader@example.org").status == "confirmed"


def test_send_a_test_to_myself_lands_in_the_local_outbox(desk, editor, local_outbox):
    issue = factories.issue(factories.newsletter("ru", "d-ru"), subject="Главное за день")
    assert desk.post(f"/admin/newsletters/issues/{issue.pk}/test/").status_code == 302
    listing = desk.get(OUTBOX).content.decode()
    assert editor.email in listing and "[Тест] Главное за день" in listing


def test_the_local_outbox_exists_only_in_debug(desk, local_outbox, settings):
    # The admin's sidebar is JSON in the page: the item shows as its URL.
    assert OUTBOX in desk.get("/admin/").content.decode()
    settings.DEBUG = False
    assert desk.get(OUTBOX, follow=True).status_code == 404
    assert OUTBOX not in desk.get("/admin/").content.decode()


def test_it_opens_only_its_own_messages(desk, local_outbox):
    (local_outbox.parent / "secret.eml").write_text("Subject: not yours\r\n\r\nsecret")
    for name in ("..%2Fsecret", "secret", "1700000000000000000-deadbeef", "..."):
        # (A 404 outside the language prefixes is redirected into one first.)
        assert desk.get(f"{OUTBOX}{name}/", follow=True).status_code == 404


def test_readers_cannot_open_the_local_outbox(client, local_outbox):
    answer = client.get(OUTBOX)
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


def test_make_run_settings_capture_mail_unless_a_transport_is_named(tmp_path):
    def transport(**env: str) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in {"EMAIL_TRANSPORT", "DEBUG"}}
        clean.update(env, DJANGO_SETTINGS_MODULE="bigasia.settings.dev", DATA_DIR=str(tmp_path))
        code = "from django.conf import settings; print(settings.EMAIL_TRANSPORT)"
        result = subprocess.run(
            [sys.executable, "-m", "bigasia.cli", "shell", "--no-imports", "-c", code],
            env=clean, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    assert transport(DEBUG="1") == "bigasia.newsletters.outbox.LocalOutboxBackend"
    assert transport(DEBUG="0") == "bigasia.newsletters.smtp.EmailBackend"
    named = "django.core.mail.backends.smtp.EmailBackend"
    assert transport(DEBUG="1", EMAIL_TRANSPORT=named) == named
