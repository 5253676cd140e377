"""An iCalendar feed (RFC 5545) of a programme's air times, built by the icalendar package.

icalendar does the escaping, the 75-octet folding and CRLF line ends; times go out in UTC.
Each event's UID is a UUID derived from the programme's translation key, the air time and
the language, so it never depends on the host a request came in on: a site reached under two
names, or moved to a new domain, gives subscribers the same events, never duplicates.
"""

import uuid
from datetime import timedelta

import icalendar
from django.http import HttpRequest
from django.utils import timezone

from .models import AirTime, ProgrammePage

# Past air times stay in the feed a while, so calendars do not lose last week's entries.
KEEP_PAST = timedelta(days=30)


def air_time_uid(programme: ProgrammePage, air_time: AirTime) -> str:
    """The same UID for an air time in every request, on every host name of the site."""
    language = programme.locale.language_code
    return str(uuid.uuid5(programme.translation_key, f"tv-airtime-{air_time.pk}-{language}"))


def programme_calendar(request: HttpRequest, programme: ProgrammePage) -> bytes:
    now = timezone.now()
    air_times = AirTime.objects.filter(
        programme__translation_key=programme.translation_key, starts_at__gte=now - KEEP_PAST
    ).order_by("starts_at")
    url = request.build_absolute_uri(programme.url)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Big Asia//TV schedule//" + programme.locale.language_code.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", programme.title)
    calendar.add("x-wr-timezone", "Europe/Moscow")
    for air_time in air_times:
        event = icalendar.Event()
        event.add("uid", air_time_uid(programme, air_time))
        event.add("dtstamp", now)
        event.add("dtstart", air_time.starts_at)
        event.add("dtend", air_time.ends_at)
        event.add("summary", programme.title)
        event.add("url", url)
        if note := air_time.note_in(programme.locale.language_code):
            event.add("description", note)
        calendar.add_component(event)
    return calendar.to_ical()
