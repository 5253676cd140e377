"""English pages name things in English, with the brand as "Big Asia": no Russian names where
an English one exists, no machine-translated brand."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from bigasia.tv.models import AirTime, EpisodePage, ProgrammePage
from tests.language_leaks import CYRILLIC
from tests.rendering import soup as _soup

pytestmark = pytest.mark.django_db


def test_it_heads_the_english_homes_top_block_top_story(client):
    heading = _soup(client, "/en/").select_one(".home-section--top .home-section__title")
    assert heading.get_text(strip=True) == "Top story"
    heading = _soup(client, "/ru/").select_one(".home-section--top .home-section__title")
    assert heading.get_text(strip=True) == "Главное"


def test_it_names_the_programme_big_asia_news_in_english(client):
    programme = ProgrammePage.objects.get(locale__language_code="en")
    episode = EpisodePage.objects.get(locale__language_code="en", number=829)
    assert programme.title == "Big Asia News"
    assert episode.title == "Big Asia News. Issue 829"
    assert _soup(client, programme.url).select_one("h1").get_text(strip=True) == "Big Asia News"


def test_it_lists_only_english_newsletters_under_english_names_on_the_english_page(client):
    english = _soup(client, "/en/newsletters/").select_one(".nl-page").get_text()
    assert "Daily digest" in english
    assert not CYRILLIC.search(english), english
    russian = _soup(client, "/ru/newsletters/").select_one(".nl-page").get_text()
    assert "Ежедневный дайджест" in russian and "Daily digest" not in russian


def _air_time_notes(client, programme: ProgrammePage) -> list[str]:
    calendar = icalendar.Calendar.from_ical(client.get(programme.calendar_url()).content)
    return [
        str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT") if "DESCRIPTION" in event
    ]


def test_it_gives_each_languages_calendar_and_schedule_its_own_note(client):
    russian = ProgrammePage.objects.get(locale__language_code="ru")
    english = ProgrammePage.objects.get(locale__language_code="en")
    tomorrow = timezone.now() + timedelta(days=1)
    AirTime.objects.create(
        programme=russian, starts_at=tomorrow, note="Спецвыпуск", note_en="Special edition"
    )
    AirTime.objects.create(programme=russian, starts_at=tomorrow, note="Только по-русски")
    assert _air_time_notes(client, english) == ["Special edition"]
    assert sorted(_air_time_notes(client, russian)) == ["Спецвыпуск", "Только по-русски"]
    upcoming = _soup(client, "/en/tv/").select_one(".tv-upcoming").get_text()
    assert "Special edition" in upcoming and not CYRILLIC.search(upcoming)
