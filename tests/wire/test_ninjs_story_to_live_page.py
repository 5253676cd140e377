"""A ninjs item from an agency's server becomes a draft in the Wire inbox, is taken and
submitted by an author, approved by an editor through "Editorial review", and goes live —
and a later version from the agency never overwrites the published story."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.articles.newsroom import REVIEW_TASK_NAME
from bigasia.articles.snippets import Source
from bigasia.feeds.models import FeedSource
from bigasia.feeds.polling import poll_source
from bigasia.wire.models import WireAgency, WireItem
from tests.articles.admin_forms import submit_edit_for_review
from tests.plugins.feed_server import send_current

pytestmark = pytest.mark.django_db

GUID = "urn:newsml:tass.example:20261128:kg-grain"


def ninjs(headline: str, text: str) -> bytes:
    items = [
        {
            "uri": GUID,
            "headline": headline,
            "description_text": text.split("\n\n")[0],
            "body_text": text,
            "firstcreated": "2026-11-28T06:00:00Z",
        },
        {"uri": "urn:newsml:tass.example:eu-rain", "headline": "Дожди в Европе", "body_text": "."},
    ]
    return json.dumps({"items": items}, ensure_ascii=False).encode()


@pytest.fixture
def agency(feed_server, make_source):
    state = {"body": ninjs("Киргизия ждёт рекордный урожай зерна", "Минсельхоз ждёт 1,9 млн т.")}
    feed_server.routes["/ninjs/latest"] = send_current(state, "application/json")
    source = make_source("/ninjs/latest", kind="wire", feed_format="ninjs", name="ТАСС ninjs")
    WireAgency.objects.create(
        feed=source,
        source=Source.objects.get(name="ТАСС"),
        section=SectionPage.objects.get(slug="economics", locale__language_code="ru"),
        keywords="Киргизия\nКазахстан",
    )
    return source, state


def inbox_row(client, title: str):
    soup = BeautifulSoup(client.get("/admin/wire/").content, "html.parser")
    return next(row for row in soup.select(".wire-item") if title in row.text)


def test_it_takes_a_ninjs_item_from_the_wire_inbox_to_a_live_article(
    agency, client, author, editor
):
    source, state = agency
    assert poll_source(source.pk).status == FeedSource.Status.OK
    wire_item = WireItem.objects.get(feed_item__guid=GUID)
    page = wire_item.page.specific
    assert not page.live and page.source.name == "ТАСС"

    # The author finds it in the inbox, takes it (it becomes theirs), edits and submits.
    client.force_login(author)
    row = inbox_row(client, "Киргизия ждёт рекордный урожай зерна")
    assert "Дожди в Европе" not in client.get("/admin/wire/").content.decode()
    take = row.select_one("form")["action"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 302
    assert client.post(take)["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    submit_edit_for_review(client, page, "Минсельхоз Киргизии ждёт 1,9 млн т зерна. Правка автора.")
    assert page.workflow_in_progress and not page.live
    assert page.current_workflow_task.name == REVIEW_TASK_NAME

    # The editor approves through the workflow; the story is live, credited to the agency.
    client.force_login(editor)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", page.current_workflow_task_state.pk],
    )
    client.post(approve, {"comment": "В номер."})
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    client.logout()
    story = client.get(page.url)
    assert story.status_code == 200
    text = story.content.decode()
    assert "Киргизия ждёт рекордный урожай зерна" in text and "Правка автора." in text
    assert "ТАСС" in text

    # The agency corrects the story: the published page stays as the newsroom made it.
    state["body"] = ninjs("Киргизия ждёт урожай зерна в 2 млн т", "Уточнённый прогноз.")
    FeedSource.objects.filter(pk=source.pk).update(etag="", last_modified="")
    poll_source(source.pk)
    wire_item.refresh_from_db()
    assert wire_item.has_newer_version
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.title == "Киргизия ждёт рекордный урожай зерна"
    assert "Уточнённый прогноз." not in client.get(page.url).content.decode()


def test_it_lets_only_one_author_take_a_draft(agency, client, author, django_user_model):
    from tests.conftest import _member

    source, _state = agency
    poll_source(source.pk)
    wire_item = WireItem.objects.get(feed_item__guid=GUID)
    take = reverse("wire_take_draft", args=[wire_item.pk])
    client.force_login(author)
    client.post(take)
    other = _member(django_user_model, "oleg-author", "Authors")
    client.force_login(other)
    answer = client.post(take, follow=True)
    assert "Этот черновик уже взял другой автор." in answer.content.decode()
    assert ArticlePage.objects.get(pk=wire_item.page_id).owner == author
    assert "В работе у" in str(inbox_row(client, "Киргизия ждёт"))
