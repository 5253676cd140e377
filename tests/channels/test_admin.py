"""The channels' admin for the newsroom: the delivery log, retrying a failed delivery with the
CSRF token of the page, the channel snippet's clear errors; authors are refused the log and
the retry. (The article's channels and post texts: test_editor_panel.py.)"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Site

from bigasia.channels.models import ArticleChannel, Channel, Delivery
from tests.channels.clients import signed_in_client

pytestmark = pytest.mark.django_db
S = Delivery.State


@pytest.fixture
def failed_delivery(telegram_channel, seed_article):
    ArticleChannel.objects.create(page=seed_article, channel=telegram_channel)
    return Delivery.objects.create(
        page=seed_article, channel=telegram_channel, version="r1", action="publish",
        state=S.FAILED, attempts=3, last_error="Bad Gateway", next_try_at=timezone.now(),
    )  # fmt: skip


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_an_editor_sees_the_site_wide_log_in_russian_and_retries_with_the_pages_token(
    editor, failed_delivery, bot_api, django_capture_on_commit_callbacks
):
    client = signed_in_client(editor)
    page = client.get(reverse("channels_log")).content.decode()
    assert "Доставки в каналы" in page
    assert "Bad Gateway" in page and "<td>ошибка</td>" in page
    assert failed_delivery.page.title in page

    retry = reverse("channels_retry", args=[failed_delivery.pk])
    assert client.post(retry).status_code == 403  # no CSRF token: refused
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(retry, {"csrfmiddlewaretoken": _csrf(page), "next": "/admin/"})
    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == S.DONE and failed_delivery.link  # retried and posted
    assert len(bot_api.messages) == 1


def test_the_article_log_shows_only_that_article(editor, failed_delivery, publish_article):
    other = publish_article("Другая статья")
    Delivery.objects.create(
        page=other, channel=failed_delivery.channel, version="r9", action="publish",
        next_try_at=timezone.now(), last_error="чужая",
    )  # fmt: skip
    page = signed_in_client(editor).get(
        reverse("channels_page_log", args=[failed_delivery.page_id])
    )
    html = page.content.decode()
    assert "Bad Gateway" in html and "чужая" not in html


def test_a_done_delivery_cannot_be_retried(editor, failed_delivery):
    Delivery.objects.filter(pk=failed_delivery.pk).update(state=S.DONE)
    client = Client()  # the CSRF check is the first test's; this one is about the state
    client.force_login(editor)
    client.post(reverse("channels_retry", args=[failed_delivery.pk]))
    assert Delivery.objects.get(pk=failed_delivery.pk).state == S.DONE


def _refused(response) -> bool:
    """Wagtail turns a view's PermissionDenied into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_authors_are_refused_the_log_and_the_retry(author, failed_delivery):
    client = Client()  # no CSRF enforcement: the permission alone refuses
    client.force_login(author)
    page_id = failed_delivery.page_id
    assert _refused(client.get(reverse("channels_log")))
    assert _refused(client.get(reverse("channels_page_log", args=[page_id])))
    assert _refused(client.post(reverse("channels_retry", args=[failed_delivery.pk])))
    assert Delivery.objects.get(pk=failed_delivery.pk).state == S.FAILED


def test_the_channel_snippet_explains_bad_options_and_secret_names_in_the_editors_language(
    editor,
):
    client = signed_in_client(editor, "en")
    url = reverse("wagtailsnippets_channels_channel:add")
    html = client.get(url).content.decode()
    answer = client.post(url, {
        "csrfmiddlewaretoken": _csrf(html), "name": "Broken", "kind": "telegram",
        "site": Site.objects.get(is_default_site=True).pk,
        "locale": Locale.objects.get(language_code="ru").pk, "enabled": "on",
        "options": '["not", "an object"]', "secret_env": "bot token", "max_attempts": "50",
    })  # fmt: skip
    body = answer.content.decode()
    assert answer.status_code == 200
    assert "Options are a JSON object of texts" in body
    assert "Name an environment variable" in body
    assert "From 1 to 20." in body
    assert not Channel.objects.filter(name="Broken").exists()
