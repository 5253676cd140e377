"""An agency feed served locally (TASS-like RSS, keyword rules for Central Asia)."""

import pytest

from bigasia.articles.models import SectionPage
from bigasia.articles.snippets import Source
from bigasia.wire.models import WireAgency
from tests.plugins.feed_server import send_current

ITEM = """<item><title>{title}</title><link>http://tass.example/{guid}</link>
<guid isPermaLink="false">{guid}</guid><description>{text}</description></item>"""


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(ITEM.format(guid=g, title=t, text=x) for g, t, x in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ТАСС</title>'
        f"{body}</channel></rss>"
    ).encode()


@pytest.fixture(autouse=True)
def _loopback_partner_allowed(feed_settings):
    """Every test here fetches from the loopback agency server (tests/plugins/feed_server.py)."""


KAZAKH = ("tass-1", "Казахстан увеличил добычу нефти", "Рост на 5% за десять месяцев.")
EUROPE = ("tass-2", "В Европе похолодало", "Синоптики ждут снег.")


@pytest.fixture
def agency_feed(feed_server, make_source):
    state = {"body": rss(KAZAKH, EUROPE)}
    feed_server.routes["/tass.xml"] = send_current(state, "application/rss+xml")
    source = make_source("/tass.xml", kind="wire", name="ТАСС лента")
    WireAgency.objects.create(
        feed=source,
        source=Source.objects.get(name="ТАСС"),
        section=SectionPage.objects.get(slug="economics", locale__language_code="ru"),
        keywords="Казахстан\nКиргизия",
    )
    return source, state
