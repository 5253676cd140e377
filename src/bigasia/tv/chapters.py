"""WebVTT chapters (for <track kind="chapters">): one cue per story of the episode."""


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    # A cue ends at a blank line and "-->" would start a new timing line: keep it one line.
    return " ".join(text.split()).replace("-->", "→")


def webvtt(chapters: list[dict]) -> str:
    lines = ["WEBVTT", ""]
    for chapter in chapters:
        lines += [
            f"story-{chapter['number']}",
            f"{timestamp(chapter['start'])} --> {timestamp(chapter['end'])}",
            _cue_text(f"{chapter['number']}. {chapter['title']}"),
            "",
        ]
    return "\n".join(lines)
