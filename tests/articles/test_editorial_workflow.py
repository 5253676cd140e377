"""Authors write and submit; Editors review and publish — through the real admin screens."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.articles.newsroom import REVIEW_TASK_NAME

from .admin_forms import submit_edit_for_review, with_body

pytestmark = pytest.mark.django_db


def _add_form(client, section: SectionPage):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return url, data


def _fill_article(data, title: str):
    data["title"] = title
    # The admin's JavaScript copies the title into the slug (Unicode slugs are on); the page
    # transliterates it on save.
    data["slug"] = slugify(title, allow_unicode=True)
    data["lead"] = "Короткая вводка к материалу."
    return with_body(data, "Текст материала.")


@pytest.fixture
def economics():
    return SectionPage.objects.get(locale__language_code="ru", slug="economics")


def test_it_lets_an_author_write_and_submit_but_not_publish(client, author, economics):
    client.force_login(author)
    url, data = _add_form(client, economics)
    data = _fill_article(data, "Щедрый урожай хлопка в Узбекистане")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    page = ArticlePage.objects.get(slug="shchedryy-urozhay-khlopka-v-uzbekistane")
    assert not page.live, "an author must not be able to publish"

    submit_edit_for_review(client, page, "Текст материала, дополненный автором.")
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == REVIEW_TASK_NAME
    assert page.revisions.count() == 2, "each save keeps a revision"


def test_it_lets_an_editor_approve_and_publish_a_submitted_story(client, author, editor, economics):
    client.force_login(author)
    url, data = _add_form(client, economics)
    data = _fill_article(data, "Новый терминал в порту Актау")
    data["action-submit"] = "action-submit"
    client.post(url, data)
    page = ArticlePage.objects.get(slug="novyy-terminal-v-portu-aktau")
    assert page.workflow_in_progress and not page.live

    client.force_login(editor)
    task_state = page.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "Всё верно."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_it_previews_unsaved_changes(client, editor, seed_article):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[seed_article.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data = with_body(data, "Текст в предпросмотре.")
    data["title"] = "Заголовок в предпросмотре"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[seed_article.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    assert "Заголовок в предпросмотре" in preview.content.decode()
    seed_article.refresh_from_db()
    assert seed_article.title != "Заголовок в предпросмотре", "preview saves nothing"


def test_it_restores_an_earlier_revision(editor, seed_article):
    original_title = seed_article.title
    seed_article.title = "Правка редактора"
    seed_article.save_revision(user=editor).publish()
    first = seed_article.revisions.order_by("created_at").first()
    first.publish(user=editor)
    seed_article.refresh_from_db()
    assert seed_article.title == original_title


def test_it_keeps_authors_out_of_the_publish_permission(author, seed_article):
    assert not Page.objects.get(pk=seed_article.pk).permissions_for_user(author).can_publish()
