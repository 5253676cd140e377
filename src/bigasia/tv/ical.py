"""An iCalendar feed (RFC 5545) of a programme's air times, written by hand.

CRLF line ends, lines folded at 75 octets, TEXT values escaped, times in UTC.
"""

from datetime import UTC, datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from .models import AirTime, ProgrammePage

# Past air times stay in the feed a while, so calendars do not lose last week's entries.
KEEP_PAST = timedelta(days=30)


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def programme_calendar(request: HttpRequest, programme: ProgrammePage) -> str:
    host = request.get_host().split(":")[0]
    now = timezone.now()
    air_times = AirTime.objects.filter(
        programme__translation_key=programme.translation_key, starts_at__gte=now - KEEP_PAST
    ).order_by("starts_at")
    url = request.build_absolute_uri(programme.url)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Big Asia//TV schedule//" + programme.locale.language_code.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(programme.title),
        "X-WR-TIMEZONE:Europe/Moscow",
    ]
    for air_time in air_times:
        lines += [
            "BEGIN:VEVENT",
            f"UID:tv-airtime-{air_time.pk}-{programme.locale.language_code}@{host}",
            "DTSTAMP:" + utc_stamp(now),
            "DTSTART:" + utc_stamp(air_time.starts_at),
            "DTEND:" + utc_stamp(air_time.ends_at),
            "SUMMARY:" + escape_text(programme.title),
            "URL:" + url,
        ]
        if air_time.note:
            lines.append("DESCRIPTION:" + escape_text(air_time.note))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
