"""Agency items become drafts in the right locale, follow updates without clobbering edits,
pass keyword rules, and wait in the Wire inbox."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage
from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.feeds.polling import poll_source
from bigasia.wire.models import WireAgency, WireItem
from bigasia.wire.tasks import drop_filtered_wire_items

from .conftest import EUROPE, rss

pytestmark = pytest.mark.django_db


def poll_again(source: FeedSource) -> None:
    FeedSource.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    poll_source(source.pk)


def test_it_turns_matching_items_into_drafts_in_the_feed_locale(agency_feed):
    source, _state = agency_feed
    poll_source(source.pk)
    wire_item = WireItem.objects.get(feed_item__guid="tass-1")
    page = wire_item.page.specific
    assert wire_item.status == WireItem.Status.INBOX
    assert not page.live and page.locale.language_code == "ru"
    assert page.title == "Казахстан увеличил добычу нефти"
    assert page.source.name == "ТАСС"
    assert page.get_parent().slug == "economics"
    assert "Рост на 5%" in str(page.body)
    filtered = WireItem.objects.get(feed_item__guid="tass-2")
    assert filtered.status == WireItem.Status.FILTERED and filtered.page is None


def test_it_makes_english_drafts_credited_to_the_english_source(agency_feed):
    source, state = agency_feed
    FeedSource.objects.filter(pk=source.pk).update(language="en")
    state["body"] = rss(("tass-en", "Kazakhstan raises oil output", "Up 5%."))
    WireAgency.objects.filter(feed=source).update(keywords="kazakhstan")
    poll_source(source.pk)
    page = WireItem.objects.get(feed_item__guid="tass-en").page.specific
    assert page.locale == Locale.objects.get(language_code="en")
    assert page.source.name == "TASS"


def test_it_updates_an_untouched_draft_without_duplicating(agency_feed):
    source, state = agency_feed
    poll_source(source.pk)
    state["body"] = rss(("tass-1", "Казахстан увеличил добычу нефти на 5%", "Уточнено."), EUROPE)
    poll_again(source)
    assert WireItem.objects.filter(feed_item__guid="tass-1").count() == 1
    page = WireItem.objects.get(feed_item__guid="tass-1").page.specific
    assert page.title == "Казахстан увеличил добычу нефти на 5%"
    assert ArticlePage.objects.filter(title__startswith="Казахстан увеличил добычу").count() == 1


def test_it_never_overwrites_an_editors_edit_and_shows_the_new_version(agency_feed, editor, client):
    source, state = agency_feed
    poll_source(source.pk)
    wire_item = WireItem.objects.get(feed_item__guid="tass-1")
    page = wire_item.page.specific
    page.title = "Казахстан нарастил добычу: правка редактора"
    page.save_revision(user=editor)
    state["body"] = rss(("tass-1", "Казахстан увеличил добычу нефти на 7%", "Новая версия."))
    poll_again(source)
    wire_item.refresh_from_db()
    latest = wire_item.page.get_latest_revision_as_object()
    assert latest.title == "Казахстан нарастил добычу: правка редактора"
    assert wire_item.has_newer_version
    client.force_login(editor)
    inbox = client.get("/admin/wire/").content.decode()
    assert "Казахстан увеличил добычу нефти на 7%" in inbox
    assert f"/admin/pages/{page.pk}/edit/" in inbox
    newer = client.get(f"/admin/wire/{wire_item.pk}/newer/").content.decode()
    assert "Новая версия." in newer
    client.post(f"/admin/wire/{wire_item.pk}/newer/")
    wire_item.refresh_from_db()
    assert not wire_item.has_newer_version


def test_it_lists_only_admitted_items_in_the_inbox(agency_feed, editor, client):
    source, _state = agency_feed
    poll_source(source.pk)
    client.force_login(editor)
    inbox = client.get("/admin/wire/").content.decode()
    assert "Казахстан увеличил добычу нефти" in inbox
    assert "В Европе похолодало" not in inbox


def test_it_drops_filtered_items_after_seven_days(agency_feed):
    source, _state = agency_feed
    poll_source(source.pk)
    WireItem.objects.filter(status=WireItem.Status.FILTERED).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    drop_filtered_wire_items.call()
    assert not FeedItem.objects.filter(guid="tass-2").exists()
    assert FeedItem.objects.filter(guid="tass-1").exists()
