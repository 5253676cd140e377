"""The «Новости партнёров» block, the counted outbound click and our own RSS feed."""

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.utils import timezone

from bigasia.feeds.models import FeedItem, FeedSource, item_key
from bigasia.feeds.polling import poll_source
from bigasia.partners.models import PartnerDailyStat
from bigasia.partners.selection import partner_items
from bigasia.partners.stats import HANDOVER_SECONDS, PENDING_KEY, flush_impressions, today

pytestmark = pytest.mark.django_db


def partner(name: str, language: str = "ru", items: int = 3, **fields) -> FeedSource:
    source = FeedSource.objects.create(
        name=name, url=f"http://{name.lower()}.example/rss", language=language, **fields
    )
    now = timezone.now()
    for number in range(items):
        guid = f"{name}-{number}"
        FeedItem.objects.create(
            source=source,
            key=item_key(guid),
            guid=guid,
            title=f"{name} story {number}",
            link=f"http://{name.lower()}.example/{number}?ref=feed",
            published_at=now - timedelta(minutes=number),
            content_hash=guid,
        )
    return source


def test_it_shows_partner_news_on_the_article_page_in_its_language(client, seed_article):
    partner("Alpha")
    partner("Omega", language="en")
    html = client.get(seed_article.url).content.decode()
    assert "Новости партнёров" in html
    assert "Alpha story 0" in html and "Omega story" not in html
    english = seed_article.get_translation(
        __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code="en")
    )
    html = client.get(english.url).content.decode()
    assert "Partners&#x27; news" in html or "Partners' news" in html
    assert "Omega story 0" in html and "Alpha story" not in html


def test_it_shows_the_block_on_home_and_sections(client):
    partner("Alpha")
    assert "Alpha story 0" in client.get("/ru/").content.decode()
    assert "Alpha story 0" in client.get("/ru/content/news/politics/").content.decode()


def test_it_hides_the_block_and_empty_partners_when_there_is_nothing(client):
    FeedSource.objects.create(name="Empty", url="http://empty.example/rss", language="ru")
    html = client.get("/ru/").content.decode()
    assert "Новости партнёров" not in html


def test_it_rotates_fairly_across_partners(settings):
    settings.PARTNERS_BLOCK_SIZE = 4
    for name in ["Alpha", "Beta", "Gamma"]:
        partner(name)
    leaders = set()
    for minute in range(3):
        chosen = partner_items("ru", now=60.0 * minute + 1)
        assert len({item.partner for item in chosen[:3]}) == 3  # every partner in turn
        leaders.add(chosen[0].partner)
    assert leaders == {"Alpha", "Beta", "Gamma"}


def test_it_builds_the_block_from_the_rotations_partners_only_and_caches_it(
    settings, django_assert_num_queries
):
    settings.PARTNERS_BLOCK_SIZE = 4
    names = [f"Partner {n:02d}" for n in range(30)]
    for name in names:
        partner(name.replace(" ", ""), items=2)
    step_seven = 60.0 * 7 + 1  # rotation step 7: turn 7 of 30
    with django_assert_num_queries(2):  # the partners with items, then four partners' items
        chosen = partner_items("ru", now=step_seven)
    assert [item.partner for item in chosen] == [f"Partner{n:02d}" for n in range(7, 11)]
    with django_assert_num_queries(0):  # the same step: the finished block from the cache
        assert partner_items("ru", now=step_seven + 30) == chosen


def test_it_renders_feed_titles_as_text_never_markup(client, make_source):
    source = make_source("/partner.xml")
    poll_source(source.pk)
    html = client.get("/ru/").content.decode()
    assert "Казахстан и Китай открыли новый железнодорожный переход" in html
    assert "<script>alert" not in html and "onerror=alert" not in html
    assert "javascript:" not in html


def test_it_counts_a_click_and_redirects_with_utm(client):
    source = partner("Alpha", utm_parameters="utm_source=bigasia&utm_medium=partners")
    item = source.items.get(guid="Alpha-0")
    response = client.get(f"/partners/go/{item.pk}/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/133.0")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.netloc == "alpha.example"
    assert parse_qs(target.query) == {
        "ref": ["feed"],
        "utm_source": ["bigasia"],
        "utm_medium": ["partners"],
    }
    item.refresh_from_db()
    assert item.clicks == 1
    assert PartnerDailyStat.objects.get(source=source).clicks == 1


def test_it_is_no_open_redirect(client):
    wire = FeedSource.objects.create(
        name="Wire", url="http://wire.example/rss", language="ru", kind="wire"
    )
    wire_item = FeedItem.objects.create(
        source=wire, key="k", guid="g", title="t", link="http://wire.example/1", content_hash="h"
    )
    for url in [
        f"/partners/go/{wire_item.pk}/",
        "/partners/go/999999/?next=http://evil.example/",
        "/partners/go/abc/",
    ]:
        response = client.get(url, follow=True)  # the site's own 404 page, in a language
        assert response.status_code == 404
        assert all(hop.startswith("/") for hop, _status in response.redirect_chain)


def test_it_counts_items_shown_and_reports_them(client, admin_client):
    source = partner("Alpha")
    client.get("/ru/")
    client.get("/ru/")
    assert flush_impressions() == 6
    assert PartnerDailyStat.objects.get(source=source).impressions == 6
    report = admin_client.get("/admin/partners/exchange/").content.decode()
    assert "Alpha" in report and ">6<" in report


def test_impressions_reach_the_cache_within_a_second_of_the_render(client):
    source = partner("Alpha")
    client.get("/ru/")
    key = f"partners:shown:{today().isoformat()}:{source.pk}"
    deadline = time.monotonic() + 5 * HANDOVER_SECONDS
    while cache.get(key) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cache.get(key) == 3  # handed over by the tally's timer, no flush asked for
    assert key in cache.get(PENDING_KEY)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_publishes_our_latest_stories_as_rss(client, language):
    response = client.get(f"/{language}/rss.xml")
    assert response.status_code == 200
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert 10 <= len(items) <= 30
    assert all(f"/{language}/content/news/" in item.findtext("link") for item in items)
