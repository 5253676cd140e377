"""Air times: typed in Moscow time, stored in UTC, shown as «Ближайшие эфиры» for seven days,
offered as an iCalendar feed; past ones link to the episode aired that day."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from bigasia.core.dates import MOSCOW
from bigasia.tv.models import AirTime, ProgrammePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme() -> ProgrammePage:
    return ProgrammePage.objects.get(locale__language_code="ru", slug="novosti-bolshoy-azii")


def _in_days(days: int, hour: int = 21) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(MOSCOW).date()
    return datetime(day.year, day.month, day.day, hour, 30, tzinfo=MOSCOW)


def test_it_stores_moscow_time_typed_in_the_admin_as_utc(admin_client, programme):
    response = admin_client.post(
        "/admin/snippets/tv/airtime/add/",
        {"programme": programme.pk, "starts_at": "2031-03-10 21:30", "duration_minutes": 45,
         "note": "Спецвыпуск"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    air_time = AirTime.objects.get(note="Спецвыпуск")
    assert air_time.starts_at == datetime(2031, 3, 10, 18, 30, tzinfo=UTC)


def test_it_shows_the_next_seven_days_on_the_tv_index_and_home(client, programme):
    AirTime.objects.create(programme=programme, starts_at=_in_days(2), note="Через два дня")
    AirTime.objects.create(programme=programme, starts_at=_in_days(9), note="Через девять дней")
    for url in ("/ru/tv/", "/ru/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        block = soup.select_one(".tv-upcoming")
        assert block.select_one("h2").get_text() == "Ближайшие эфиры"
        text = block.get_text()
        assert "Через два дня" in text and "Через девять дней" not in text
        assert _in_days(2).strftime("%d.%m.%Y 21:30") in text
    english = BeautifulSoup(client.get("/en/tv/").content, "html.parser").select_one(".tv-upcoming")
    assert english.select_one("h2").get_text() == "Upcoming broadcasts"
    assert "Big Asia News" in english.get_text()


def test_it_offers_an_icalendar_feed(client, programme):
    AirTime.objects.create(
        programme=programme, starts_at=_in_days(1), duration_minutes=30,
        note="Гости: эксперты; темы — ЕАЭС, Монголия\nи Корея",
    )  # fmt: skip
    response = client.get(programme.calendar_url())
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = [e for e in calendar.walk("VEVENT") if "Гости" in str(e.get("DESCRIPTION", ""))]
    assert len(events) == 1
    event = events[0]
    assert event["DTSTART"].dt == _in_days(1).astimezone(UTC)
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=30)
    assert str(event["SUMMARY"]) == "Новости Большой Азии"
    assert str(event["DESCRIPTION"]) == "Гости: эксперты; темы — ЕАЭС, Монголия\nи Корея"
    assert event["UID"] and event["DTSTAMP"]
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_it_folds_long_russian_text_within_75_octets_without_splitting_a_letter(client, programme):
    note = "Гости: " + "Ж" * 120
    AirTime.objects.create(programme=programme, starts_at=_in_days(2), note=note)
    raw = client.get(programme.calendar_url()).content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode()  # every folded piece is whole UTF-8
    calendar = icalendar.Calendar.from_ical(raw)
    assert note in [str(event.get("DESCRIPTION")) for event in calendar.walk("VEVENT")]


def test_it_gives_the_same_uids_whatever_host_the_request_came_in_on(client, programme):
    AirTime.objects.create(programme=programme, starts_at=_in_days(1), duration_minutes=30)
    uids = {}
    for host in ("127.0.0.1", "localhost"):
        raw = client.get(programme.calendar_url(), HTTP_HOST=host).content
        uids[host] = [str(e["UID"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")]
        assert all(host not in uid for uid in uids[host])
    assert uids["127.0.0.1"] == uids["localhost"] and uids["localhost"]


def test_it_links_a_past_air_time_to_its_episode(client, programme):
    soup = BeautifulSoup(client.get(programme.url).content, "html.parser")
    past = soup.select_one(".tv-past")
    link = past.select_one("a")
    assert link["href"] == "/ru/tv/novosti-bolshoy-azii/vypusk-829/"
    assert "03.02.2023 19:00" in past.get_text()
