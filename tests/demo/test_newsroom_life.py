"""After `bigasia demo`, the newsroom looks alive in both languages: the partners' block with
counted outbound links, view counts and "Most read" on the seed story, a Wire inbox with new,
taken and filtered items, exchange figures, and a newsletter issue sent into the outbox."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.newsletters.models import Delivery, Issue
from bigasia.partners.models import PartnerDailyStat
from bigasia.readership.models import ArticleViews, HourlyViews
from bigasia.wire.models import WireItem
from tests.rendering import soup as soup_of

pytestmark = pytest.mark.django_db

OUTBOX = "bigasia.newsletters.outbox.LocalOutboxBackend"


@pytest.fixture
def newsroom(settings, tmp_path):
    # pytest-django swaps in its in-memory backend; the demo's mail goes to the real outbox.
    settings.EMAIL_BACKEND = "bigasia.newsletters.dkim_backend.DKIMSigningBackend"
    settings.EMAIL_TRANSPORT = OUTBOX
    settings.LOCAL_OUTBOX_DIR = tmp_path / "outbox"
    call_command("demo", "--no-editor", verbosity=0)
    return tmp_path / "outbox"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_seed_story_shows_partners_views_and_most_read(
    newsroom, client, seed_article, language
):
    page = seed_article.get_translation(Locale.objects.get(language_code=language))
    soup = soup_of(client, page.url)

    block = soup.select_one(".partners-news")
    assert block is not None
    links = block.select("a[href]")
    assert len(links) >= 4
    partners = {source.name for source in FeedSource.objects.filter(language=language)}
    assert {span.text for span in block.select(".partners-news__partner")} <= partners
    first = client.get(links[0]["href"], HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")
    assert first.status_code == 302 and "utm_medium=partners" in first["Location"]

    views = soup.select_one(".story__views").text
    assert int(re.sub(r"\D", "", views)) > 0
    word = "просмотр" if language == "ru" else "view"
    assert word in views

    most_read = soup.select_one(".most-read")
    assert most_read is not None
    assert len(most_read.select(".most-read__window")) == 2
    assert all(window.select("li") for window in most_read.select(".most-read__window"))


def test_both_editions_of_a_story_are_read_the_russian_more(newsroom, seed_article):
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    russian_views = ArticleViews.objects.get(page=seed_article).views
    english_views = ArticleViews.objects.get(page=english).views
    assert 0 < english_views < russian_views
    hours = HourlyViews.objects.filter(page=seed_article).values_list("hour", flat=True)
    assert (max(hours) - min(hours)).days >= 80


def test_wire_partners_and_newsletters_have_figures(newsroom, admin_client):
    inbox = WireItem.objects.filter(status=WireItem.Status.INBOX)
    for language in ("ru", "en"):
        mine = inbox.filter(agency__feed__language=language)
        assert mine.filter(page__owner__isnull=True).count() >= 3  # new drafts
        assert mine.filter(page__owner__isnull=False).count() == 2  # taken by an author
        filtered = WireItem.objects.filter(
            status=WireItem.Status.FILTERED, agency__feed__language=language
        )
        assert filtered.count() == 2
    assert inbox.filter(has_newer_version=True).count() == 1
    page = admin_client.get(reverse("wire_inbox")).content.decode()
    assert "Казахстан и Киргизия согласовали новые квоты на воду" in page

    for language in ("ru", "en"):
        partners = FeedSource.objects.filter(kind=FeedSource.Kind.PARTNER, language=language)
        assert partners.count() >= 6
    stats = PartnerDailyStat.objects.all()
    assert stats.filter(clicks__gt=0, impressions__gt=0).count() >= 12 * 14
    assert FeedItem.objects.filter(clicks__gt=0).exists()
    report = admin_client.get(reverse("partners_exchange_report"))
    assert report.status_code == 200 and "Степной вестник" in report.content.decode()

    for language in ("ru", "en"):
        issue = Issue.objects.get(newsletter__language=language, status=Issue.Status.SENT)
        assert issue.items.count() == 5
        assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() >= 2
        detail = admin_client.get(reverse("newsletters_send", args=[issue.pk]))
        assert detail.status_code == 200
    assert len(list(newsroom.glob("*.eml"))) >= 5


def test_running_the_demo_again_adds_nothing(newsroom):
    counts = [model.objects.count() for model in (FeedItem, WireItem, HourlyViews, Delivery)]
    totals = list(ArticleViews.objects.order_by("page_id").values_list("views", flat=True))
    call_command("demo", "--no-editor", verbosity=0)
    assert [
        model.objects.count() for model in (FeedItem, WireItem, HourlyViews, Delivery)
    ] == counts
    assert list(ArticleViews.objects.order_by("page_id").values_list("views", flat=True)) == totals
