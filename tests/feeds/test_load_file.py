"""`bigasia feeds load-file SOURCE FILE`: a local feed file goes through the poll's parser,
store and de-duplication; a bad file or an unknown source is refused in the operator's
language and stores nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bigasia.feeds.models import FeedItem, FeedSource

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"


@pytest.fixture
def partner():
    return FeedSource.objects.create(
        name="Новости Евразии",
        url="https://partner.example/rss",
        kind=FeedSource.Kind.PARTNER,
        language="ru",
    )


def load(*args: str) -> str:
    out = StringIO()
    call_command("feeds", "load-file", *args, stdout=out)
    return out.getvalue()


def test_a_good_file_is_stored_once_by_id_or_by_name(partner, monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    first = load(str(partner.pk), str(FILES / "partner_rss.xml"))
    # Two items: the javascript: link is dropped but the item kept, the repeated GUID is one.
    assert "сохранено 2\u00a0новых материала" in first
    titles = set(partner.items.values_list("title", flat=True))
    assert "Казахстан и Китай открыли новый железнодорожный переход" in titles
    assert partner.items.count() == 2

    again = load("Новости Евразии", str(FILES / "partner_rss.xml"))
    assert "сохранено 0\u00a0новых материалов" in again
    assert partner.items.count() == 2
    partner.refresh_from_db()
    assert partner.status == FeedSource.Status.NEW  # nothing was fetched


def test_ninjs_goes_through_the_ninjs_parser(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    agency = FeedSource.objects.create(
        name="Agency", url="https://agency.example/ninjs", kind=FeedSource.Kind.WIRE,
        feed_format=FeedSource.Format.NINJS, language="en",
    )  # fmt: skip
    out = load("Agency", str(FILES / "agency.json"))
    assert "new item" in out and "stored from" in out
    assert agency.items.exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru_RU.UTF-8", "не лента, которую может прочитать «Новости Евразии»"),
     ("en_US.UTF-8", "is not a feed “Новости Евразии” can read")],
)  # fmt: skip
def test_a_file_that_is_not_a_feed_is_refused_and_nothing_is_lost(
    partner, tmp_path, monkeypatch, lang, expected
):
    load(str(partner.pk), str(FILES / "partner_rss.xml"))
    kept = set(partner.items.values_list("pk", "title"))
    not_xml = tmp_path / "page.xml"
    not_xml.write_text("<html><body>Это не лента", encoding="utf-8")
    monkeypatch.setenv("LANG", lang)
    with pytest.raises(CommandError, match=expected):
        load(str(partner.pk), str(not_xml))
    assert set(partner.items.values_list("pk", "title")) == kept


def test_a_hostile_file_is_refused_like_a_hostile_fetch(partner, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(CommandError, match="refused unsafe XML"):
        load(str(partner.pk), str(FILES / "billion_laughs.xml"))
    assert not FeedItem.objects.filter(source=partner).exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru_RU.UTF-8", "Нет источника лент с номером или названием «Nowhere News»"),
     ("en_US.UTF-8", "No feed source has the id or name “Nowhere News”")],
)  # fmt: skip
def test_an_unknown_source_is_named_in_the_error(partner, monkeypatch, lang, expected):
    monkeypatch.setenv("LANG", lang)
    with pytest.raises(CommandError, match=expected):
        load("Nowhere News", str(FILES / "partner_rss.xml"))
    assert not FeedItem.objects.exists()


def test_a_missing_file_is_a_clear_error(partner, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    with pytest.raises(CommandError, match="Не удалось прочитать"):
        load(str(partner.pk), str(tmp_path / "missing.xml"))


def test_a_file_over_the_fetch_cap_is_refused(partner, tmp_path, monkeypatch, settings):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    settings.FEEDS_MAX_BYTES = 1024
    big = tmp_path / "big.xml"
    big.write_bytes((FILES / "partner_rss.xml").read_bytes() + b" " * 2048)
    with pytest.raises(CommandError, match="larger than FEEDS_MAX_BYTES"):
        load(str(partner.pk), str(big))
    assert not partner.items.exists()
