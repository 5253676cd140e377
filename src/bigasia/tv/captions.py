"""WebVTT caption files: checked when uploaded, so a player never gets one it cannot read.

The checks follow the WebVTT parser's rules that make a browser drop a file or a cue: UTF-8
text; the `WEBVTT` signature on the first line (after an optional BOM), alone or followed by
a space or tab; every cue a timing line `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt` with the end after
the start and cues in order of their start; at least one cue. NOTE, STYLE and REGION blocks
are allowed. Cue text and settings are not checked further (players ignore what they do
not understand there).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t].*)?$")
SIGNATURE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
NON_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _timing_line(block: list[str]) -> tuple[int, str] | None:
    """(index, line) of the block's timing line: the first, or the second after an id."""
    for index, line in enumerate(block[:2]):
        if "-->" in line:
            return index, line
    return None


def cue_times(text: str) -> list[tuple[float, float]]:
    """(start, end) of every cue; ValidationError naming the first problem and its line."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not SIGNATURE.match(lines[0]):
        raise ValidationError(_("This is not a WebVTT file: the first line must be “WEBVTT”."))
    # The header runs from the signature to the first blank line; cues come after it.
    body_start = lines.index("") + 1 if "" in lines else len(lines)
    cues: list[tuple[float, float]] = []
    block: list[str] = []
    first_line = body_start + 1
    for number, line in enumerate([*lines[body_start:], ""], start=body_start + 1):
        if line.strip():
            if not block:
                first_line = number
            block.append(line)
            continue
        if block and not block[0].startswith(NON_CUE_BLOCKS):
            cues.append(_cue(block, first_line, cues))
        block = []
    if not cues:
        raise ValidationError(_("The WebVTT file has no cues."))
    return cues


def _cue(block: list[str], first_line: int, earlier: list[tuple[float, float]]):
    found = _timing_line(block)
    match = TIMING.match(found[1].strip()) if found else None
    if match is None:
        raise ValidationError(
            _("Line %(line)s: a cue needs a timing line like “00:00:01.000 --> 00:00:04.000”.")
            % {"line": first_line + (found[0] if found else 0)}
        )
    assert found is not None  # match came from it
    start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
    line = first_line + found[0]
    if end <= start:
        raise ValidationError(_("Line %(line)s: the cue ends before it starts.") % {"line": line})
    if earlier and start < earlier[-1][0]:
        raise ValidationError(
            _("Line %(line)s: cues must be in the order they start.") % {"line": line}
        )
    return start, end


def validate_webvtt(upload) -> None:
    """A form/model validator for an uploaded .vtt file."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("A caption file may be at most 2 MB."))
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(_("A WebVTT file must be UTF-8 text.")) from None
    cue_times(text)
