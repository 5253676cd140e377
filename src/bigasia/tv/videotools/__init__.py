"""What the TV app asks of FFmpeg, behind one small interface with two providers.

`tools()` is the provider in force: the system's `ffmpeg`/`ffprobe` when both are on the
PATH (subprocesses with timeouts, killed with their worker), otherwise FFmpeg's libraries
through PyAV, which ship inside the `av` wheel, so a fresh machine needs no apt package.
`TV_VIDEO_TOOLS=pyav` forces PyAV. Both judge a file by its content, never its name: it must
have a video stream and a duration, and its last second must decode (a truncated upload
fails there even when its index sits at the front of the file).
"""

import shutil

from django.conf import settings

from .base import EncodeFailed, UnreadableVideo, VideoInfo, VideoTools
from .ffmpeg_cli import SystemFfmpeg
from .pyav import PyAv

__all__ = [
    "EncodeFailed",
    "UnreadableVideo",
    "VideoInfo",
    "VideoTools",
    "system_ffmpeg_found",
    "tools",
]


def system_ffmpeg_found() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def tools() -> VideoTools:
    """The provider for this call, chosen each time: installing ffmpeg needs no restart."""
    if settings.TV_VIDEO_TOOLS == "auto" and system_ffmpeg_found():
        return SystemFfmpeg()
    return PyAv()
