"""The issue composer in the Wagtail admin: preview, a test to yourself, digest, schedule."""

from datetime import timedelta

import dkim
import pytest
from django.utils import timezone

from bigasia.articles.models import ArticlePage
from bigasia.newsletters.models import Issue
from bigasia.readership.models import HourlyViews

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor, smtp):
    client.force_login(editor)
    letter = factories.newsletter("ru", "d-ru")
    return client, factories.issue(letter, subject="Главное за день")


def test_it_shows_the_composer_with_its_actions(desk):
    client, issue = desk
    page = client.get(f"/admin/snippets/newsletters/issue/edit/{issue.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for label in (
        "Просмотр в браузере",
        "Отправить тест себе",
        "Запланировать",
        "Отправить сейчас",
    ):
        assert label in html
    assert client.get("/admin/snippets/newsletters/issue/add/").status_code == 200


def test_it_previews_the_mail_in_the_browser(desk):
    client, issue = desk
    page = client.get(f"/admin/newsletters/issues/{issue.pk}/preview/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Здравствуйте, erik-editor!" in html
    for item in issue.items.all():
        assert item.article.title in html


def test_it_sends_a_test_to_the_editor_through_the_mail_path(desk, smtp, dkim_key):
    client, issue = desk
    answer = client.post(f"/admin/newsletters/issues/{issue.pk}/test/")
    assert answer.status_code == 302
    [mail] = smtp.to("erik-editor@example.org")
    assert mail.message["Subject"].strip() == "[Тест] Главное за день"
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert dkim.verify(mail.data, dnsfunc=dkim_key.dns)
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT


def test_it_schedules_only_for_a_future_time(desk):
    client, issue = desk
    client.post(f"/admin/newsletters/issues/{issue.pk}/schedule/")
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() + timedelta(hours=2))
    client.post(f"/admin/newsletters/issues/{issue.pk}/schedule/")
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SCHEDULED


def test_it_prefills_a_digest_with_the_most_read(desk):
    client, issue = desk
    letter = issue.newsletter
    pages = list(ArticlePage.objects.live().filter(locale__language_code="ru").order_by("pk"))
    oldest = min(pages, key=lambda page: page.first_published_at)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(page=oldest, locale=oldest.locale, hour=hour, views=5000)
    asked = client.get(f"/admin/newsletters/{letter.pk}/digest/")
    assert asked.status_code == 200 and "Подготовить выпуск" in asked.content.decode()
    assert not Issue.objects.exclude(pk=issue.pk).filter(newsletter=letter).exists()
    listing = client.get("/admin/snippets/newsletters/newsletter/").content.decode()
    assert f"/admin/newsletters/{letter.pk}/digest/" in listing
    answer = client.post(f"/admin/newsletters/{letter.pk}/digest/")
    assert answer.status_code == 302
    digest = Issue.objects.exclude(pk=issue.pk).get(newsletter=letter)
    stories = [item.article_id for item in digest.items.order_by("sort_order")]
    assert oldest.pk in stories[:2]  # after the editors' pick, if any
    assert len(stories) == len(set(stories)) == 8
    assert digest.subject.startswith(letter.name)


def test_it_refuses_readers(client, smtp):
    letter = factories.newsletter("ru", "d-ru")
    issue = factories.issue(letter)
    assert client.post(f"/admin/newsletters/issues/{issue.pk}/send/").status_code in (302, 403)
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT


def test_it_starts_the_engine_on_send_now(desk):
    client, issue = desk
    factories.subscriber("anna@example.org", letters=[issue.newsletter])
    factories.subscriber("pending@example.org", letters=[issue.newsletter], confirmed=False)
    client.post(f"/admin/newsletters/issues/{issue.pk}/send/", {"confirmed": "yes"})
    issue.refresh_from_db()
    assert issue.status != Issue.Status.DRAFT
    assert list(issue.deliveries.values_list("email", flat=True)) == ["anna@example.org"]
