"""What Authors and Editors may do in each admin feature (docs/newsroom.md, "Roles"), through
the real admin screens: an Author is refused and nothing changes; an Editor gets the effect."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from bigasia.articles.models import ArticlePage
from bigasia.feeds.models import FeedSource
from bigasia.newsletters.models import Issue
from bigasia.translation.models import TranslationStatus

pytestmark = pytest.mark.django_db

STORY_TITLE = "Через Монголию пошли контейнерные поезда из Китая"


def refused(response) -> bool:
    """Wagtail answers a missing permission with 403, or on its own screens with a redirect
    to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/") == "/admin"
    )


def _edit_form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is built by JavaScript, so its fields are not in the HTML form.
    body = rich_text("<p>Текст материала.</p>")
    data.update({"body-count": "1", "body-0-type": "paragraph", "body-0-deleted": "",
                 "body-0-order": "0", "body-0-value": body})  # fmt: skip
    return data


def test_an_author_cannot_edit_another_persons_page(client, author, editor, seed_article):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[seed_article.pk])
    data = _edit_form(client, edit_url)
    data["title"] = "Заголовок, подменённый автором"
    client.force_login(author)
    assert refused(client.get(edit_url))
    assert refused(client.post(edit_url, data))
    assert seed_article.revisions.filter(content__title=data["title"]).count() == 0
    seed_article.refresh_from_db()
    assert seed_article.title != data["title"]


def test_an_editor_edits_anyones_page(client, editor, seed_article):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[seed_article.pk])
    data = _edit_form(client, edit_url)
    data["title"] = "Заголовок, поправленный редактором"
    data["action-publish"] = "action-publish"
    assert client.post(edit_url, data).status_code == 302
    seed_article.refresh_from_db()
    assert seed_article.title == "Заголовок, поправленный редактором"


def _snippet_form(client, source) -> tuple[str, dict]:
    url = reverse("wagtailsnippets_articles_source:edit", args=[source.pk])
    assert client.get(url).status_code == 200
    return url, {"name": source.name, "url": source.url}


def test_an_author_sees_snippets_but_cannot_edit_them(client, author, editor, source):
    client.force_login(editor)
    url, data = _snippet_form(client, source)
    data["name"] = "Агентство автора"
    client.force_login(author)
    listing = client.get(reverse("wagtailsnippets_articles_source:list"))
    assert listing.status_code == 200 and source.name in listing.content.decode()
    assert refused(client.post(url, data))
    source.refresh_from_db()
    assert source.name != "Агентство автора"


def test_an_editor_edits_snippets(client, editor, source):
    client.force_login(editor)
    url, data = _snippet_form(client, source)
    data["name"] = "Агентство редактора"
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.name == "Агентство редактора"


def _send(client, issue: Issue):
    return client.post(f"/admin/newsletters/issues/{issue.pk}/send/", {"confirmed": "yes"})


def _pause(client, issue: Issue):
    return client.post(reverse("newsletters_send_pause", args=[issue.pk]))


def test_an_author_cannot_send_or_pause_a_newsletter_issue(client, author, issue):
    client.force_login(author)
    assert refused(_send(client, issue))
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT
    assert not issue.deliveries.exists()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    assert refused(_pause(client, issue))
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENDING


def test_an_editor_sends_and_pauses_a_newsletter_issue(client, editor, issue):
    client.force_login(editor)
    assert _send(client, issue).status_code == 302
    issue.refresh_from_db()
    # With no subscribers the engine may finish the issue at once: either way it has started.
    assert issue.status in (Issue.Status.SENDING, Issue.Status.SENT) and issue.started_at
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    assert _pause(client, issue).status_code == 302
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.PAUSED


def _publish_story(client, episode, economics):
    url = reverse("tv_publish_story", args=[episode.pk])
    return client.post(url, {"story": "2", "section": economics.pk})


def test_an_author_cannot_publish_a_tv_story(client, author, episode, economics):
    client.force_login(author)
    assert refused(_publish_story(client, episode, economics))
    assert not ArticlePage.objects.filter(title=STORY_TITLE).exists()


def test_an_editor_publishes_a_tv_story(client, editor, episode, economics):
    client.force_login(editor)
    assert _publish_story(client, episode, economics).status_code == 302
    assert ArticlePage.objects.get(title=STORY_TITLE).live


def _mark_reviewed(client, status: TranslationStatus):
    return client.post(reverse("translation_desk:reviewed", args=[status.pk]))


def test_an_author_cannot_mark_even_their_own_translation_reviewed(
    client, author, translation_status
):
    assert translation_status.target_page.owner == author
    client.force_login(author)
    assert refused(_mark_reviewed(client, translation_status))
    translation_status.refresh_from_db()
    assert translation_status.state != TranslationStatus.REVIEWED
    assert translation_status.reviewed_by is None


def test_an_editor_marks_a_translation_reviewed(client, editor, translation_status):
    client.force_login(editor)
    assert _mark_reviewed(client, translation_status).status_code == 302
    translation_status.refresh_from_db()
    assert translation_status.state == TranslationStatus.REVIEWED
    assert translation_status.reviewed_by == editor


def _add_feed_source(client, form: dict):
    return client.post(reverse("wagtailsnippets_feeds_feedsource:add"), form)


def test_an_author_cannot_add_feed_sources(client, author, feed_source_form):
    client.force_login(author)
    assert refused(_add_feed_source(client, feed_source_form))
    assert not FeedSource.objects.filter(name=feed_source_form["name"]).exists()


def test_an_editor_adds_feed_sources(client, editor, feed_source_form):
    client.force_login(editor)
    assert _add_feed_source(client, feed_source_form).status_code == 302
    assert FeedSource.objects.get(name=feed_source_form["name"]).url == feed_source_form["url"]


def test_only_an_editor_sees_the_partners_report(client, author, editor):
    report = reverse("partners_exchange_report")
    client.force_login(author)
    assert refused(client.get(report))
    assert reverse("partners_exchange_report") not in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert client.get(report).status_code == 200
    assert report in client.get("/admin/").content.decode()


def _sees_publish_story_button(client, user, episode) -> bool:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_explore", args=[episode.pk]))
    assert response.status_code == 200
    return reverse("tv_publish_story", args=[episode.pk]) in response.content.decode()


def test_only_an_editor_sees_the_publish_story_button(client, author, editor, episode):
    assert _sees_publish_story_button(client, editor, episode)
    assert not _sees_publish_story_button(client, author, episode)


def _sees_review_button(client, user, status: TranslationStatus) -> bool:
    client.force_login(user)
    response = client.get(reverse("translation_desk:report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert status.target_page.title in page
    return reverse("translation_desk:reviewed", args=[status.pk]) in page


def test_only_an_editor_sees_the_mark_as_reviewed_button(
    client, author, editor, translation_status
):
    assert _sees_review_button(client, editor, translation_status)
    assert not _sees_review_button(client, author, translation_status)
