"""ffprobe/ffmpeg as subprocesses: is this file a readable video, its duration, a poster frame.

The file's content decides, never its name: ffprobe must find a video stream and a duration,
and decoding the last second must succeed (a truncated upload fails there even when its
index sits at the front of the file).
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

PROBE_TIMEOUT = 60


class UnreadableVideo(Exception):
    """The file is not a video ffmpeg can read; the message is for the editor."""


@dataclass(frozen=True)
class VideoInfo:
    duration: float
    width: int
    height: int
    has_audio: bool


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def inspect(path: Path) -> VideoInfo:
    """What ffprobe says about the file; UnreadableVideo if it is not a whole, readable video."""
    if not ffmpeg_available():
        raise UnreadableVideo(_("Videos cannot be checked here: ffmpeg is not installed."))
    streams = _ffprobe(path)
    video = next((s for s in streams["streams"] if s.get("codec_type") == "video"), None)
    duration = _duration(streams)
    if video is None or duration is None or duration <= 0:
        raise UnreadableVideo(_("This file is not a video: no video track was found in it."))
    _decode_the_end(path)
    return VideoInfo(
        duration=duration,
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
        has_audio=any(s.get("codec_type") == "audio" for s in streams["streams"]),
    )


def _ffprobe(path: Path) -> dict:
    command = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format",
               "-show_streams", str(path)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    if result.returncode != 0:
        raise UnreadableVideo(
            _("This file is not a video that can be read (it may be damaged or incomplete).")
        )
    return json.loads(result.stdout or b"{}")


def _duration(streams: dict) -> float | None:
    value = streams.get("format", {}).get("duration")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _decode_the_end(path: Path) -> None:
    """Decode the last second: a file cut short reports missing data here."""
    command = ["ffmpeg", "-v", "error", "-nostdin", "-sseof", "-1", "-i", str(path),
               "-f", "null", "-"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    if (
        result.returncode != 0
        or b"partial file" in result.stderr
        or b"Invalid data" in result.stderr
    ):
        raise UnreadableVideo(
            _("The video file is incomplete: it ends before its last frame. Upload it again.")
        )


def grab_frame(source: Path, destination: Path, at_seconds: float) -> None:
    """Write one JPEG frame from the given time (the poster)."""
    command = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-ss", f"{at_seconds:.3f}",
               "-i", str(source), "-frames:v", "1", "-q:v", "3", str(destination)]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=True)
