"""The types both providers share: what a probe finds, the editor's messages, the interface."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.utils.translation import gettext_lazy as _

AUDIO_KBPS = 96
SEGMENT_SECONDS = 4

NOT_A_VIDEO = _("This file is not a video: no video track was found in it.")
UNREADABLE = _("This file is not a video that can be read (it may be damaged or incomplete).")
INCOMPLETE = _("The video file is incomplete: it ends before its last frame. Upload it again.")


class UnreadableVideo(Exception):
    """The file is not a video FFmpeg can read; the message is for the editor."""


class EncodeFailed(Exception):
    """An HLS encode stopped with an error; the message is FFmpeg's, for the operator."""


@dataclass(frozen=True)
class VideoInfo:
    duration: float
    width: int
    height: int
    has_audio: bool


@dataclass(frozen=True)
class Rendition:
    """One rung of the HLS ladder: what an encoder is asked to write."""

    height: int
    width: int
    video_kbps: int

    @property
    def name(self) -> str:
        return f"{self.height}p"


class VideoTools(Protocol):
    """One way of running FFmpeg: probing, a poster frame, one HLS rendition."""

    name: str

    def inspect(self, path: Path) -> VideoInfo:
        """What the file holds; UnreadableVideo if it is not a whole, readable video."""

    def grab_frame(self, source: Path, destination: Path, at_seconds: float) -> None:
        """Write the frame at the given time as a JPEG."""

    def encode_rendition(
        self,
        source: Path,
        out_dir: Path,
        rendition: Rendition,
        info: VideoInfo,
        report: Callable[[float], None],
    ) -> None:
        """Write <rendition>.m3u8 and its segments; report(fraction done) as it goes."""
