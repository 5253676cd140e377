"""Partner clicks are counted under the view beacons' rule: never for bots or prefetches,
once per reader and item within the de-duplication window — and every click still goes to
the partner. The scale-out pass runs the same tests on Redis."""

import pytest

from bigasia.feeds.models import FeedItem
from bigasia.partners.models import PartnerDailyStat

from .test_partners_news_block import partner

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def _nobody_seen_yet():
    from bigasia.readership.seen import host_seen

    host_seen().clear()
    yield
    host_seen().clear()


def _click(client, item: FeedItem, agent: str = BROWSER, address: str = "203.0.113.7", **meta):
    response = client.get(
        f"/partners/go/{item.pk}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **meta
    )
    assert response.status_code == 302
    assert response["Location"].startswith("http://alpha.example/"), "always redirected"
    return response


def _clicks(item: FeedItem) -> tuple[int, int]:
    item.refresh_from_db()
    stat = PartnerDailyStat.objects.filter(source=item.source).first()
    return item.clicks, stat.clicks if stat else 0


def test_it_redirects_a_bot_fifty_times_without_counting_once(client):
    item = partner("Alpha").items.get(guid="Alpha-0")
    for _ in range(50):
        _click(client, item, agent=GOOGLEBOT)
    assert _clicks(item) == (0, 0)


def test_it_redirects_a_prefetch_without_counting_it(client):
    item = partner("Alpha").items.get(guid="Alpha-0")
    _click(client, item, HTTP_SEC_PURPOSE="prefetch")
    assert _clicks(item) == (0, 0)


def test_it_counts_a_readers_repeated_clicks_on_an_item_once(client):
    item = partner("Alpha").items.get(guid="Alpha-0")
    for _ in range(5):
        _click(client, item)
    assert _clicks(item) == (1, 1)


def test_it_counts_other_readers_and_other_items_apart(client):
    source = partner("Alpha")
    first, second = source.items.get(guid="Alpha-0"), source.items.get(guid="Alpha-1")
    _click(client, first)
    _click(client, second)
    _click(client, first, address="198.51.100.9")
    _click(client, first, agent=BROWSER.replace("131.0", "130.0"))
    assert _clicks(first) == (3, 4)
    assert _clicks(second)[0] == 1
