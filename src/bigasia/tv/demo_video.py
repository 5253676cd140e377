"""Programme videos drawn and encoded here with PyAV, so the demo and the tests need no
ffmpeg binary and no video files: one title card per chapter (its number, title and a
running clock over a progress bar) and a beep every second, pitched per chapter.

The MP4 is H.264 + AAC with its index at the front and video and audio interleaved frame by
frame, as a browser streams it by range requests.
"""

import array
import math
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import av
from django.conf import settings
from django.core.files import File
from PIL import Image, ImageDraw, ImageFont

from .models import Video
from .videotools import tools

FPS = 25
SAMPLE_RATE = 48_000
SAMPLES_PER_FRAME = SAMPLE_RATE // FPS
BEEP_SECONDS = 0.12
# One background per chapter, in turn: dark enough for white lettering.
BACKGROUNDS = [(24, 52, 84), (92, 28, 36), (28, 76, 70), (54, 44, 92), (40, 40, 44)]
ACCENT = (226, 184, 110)
DEMO_VIDEO_TITLE = "Demo: Big Asia News 829"


@dataclass(frozen=True)
class Chapter:
    start: float
    title: str


def write_video(
    path: Path,
    seconds: int,
    width: int = 640,
    height: int = 360,
    chapters: list[Chapter] | None = None,
) -> None:
    """An MP4 of `seconds` with a title card per chapter (one untitled card without any)."""
    chapters = chapters or [Chapter(0, "")]
    cards = [_card(width, height, index, len(chapters), c) for index, c in enumerate(chapters)]
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=FPS, options={"preset": "veryfast"})
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        audio = out.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        for number in range(seconds * FPS):
            at = number / FPS
            chapter = _chapter_at(chapters, at)
            picture = _with_clock(cards[chapter], at, seconds)
            _mux(out, video, av.VideoFrame.from_image(picture), number)
            _mux(out, audio, _beeps(number, chapter), number * SAMPLES_PER_FRAME)
        for stream in (video, audio):
            for packet in stream.encode(None):
                out.mux(packet)


def add_demo_video(stories: list[dict], seconds: int = 24) -> Video:
    """The demo issue's video, one chapter per story (created once, then reused); its poster
    and HLS ladder are queued as for an upload."""
    existing = Video.objects.filter(title=DEMO_VIDEO_TITLE).first()
    if existing is not None:
        return existing
    from .tasks import make_poster  # tasks import this app's models, as this module does

    chapters = [Chapter(story["start"], story["title"]) for story in stories]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "news-829.mp4"
        write_video(path, seconds, chapters=chapters)
        info = tools().inspect(path)
        video = Video(title=DEMO_VIDEO_TITLE, duration=info.duration)
        video.width, video.height = info.width, info.height
        with path.open("rb") as handle:
            video.file.save(path.name, File(handle), save=True)
    make_poster.enqueue(video.pk)
    return video


def _chapter_at(chapters: list[Chapter], at: float) -> int:
    return max(i for i, chapter in enumerate(chapters) if chapter.start <= at or i == 0)


def _mux(out, stream, frame, pts: int) -> None:
    frame.pts = pts
    for packet in stream.encode(frame):
        out.mux(packet)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The logo font (DejaVu, with Cyrillic); Pillow's own where it is missing."""
    try:
        return ImageFont.truetype(settings.LOGO_FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def _card(width: int, height: int, index: int, total: int, chapter: Chapter) -> Image.Image:
    card = Image.new("RGB", (width, height), BACKGROUNDS[index % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(card)
    unit = height / 360
    draw.text((24 * unit, 20 * unit), "БОЛЬШАЯ АЗИЯ · BIG ASIA", fill=ACCENT,
              font=_font(round(16 * unit)))  # fmt: skip
    if total > 1:
        draw.text((24 * unit, 60 * unit), f"{index + 1} / {total}", fill="white",
                  font=_font(round(64 * unit)))  # fmt: skip
    font = _font(round(24 * unit))
    lines = _wrapped(chapter.title, font, width - 48 * unit)
    draw.multiline_text((24 * unit, 160 * unit), "\n".join(lines[:4]), fill="white",
                        font=font, spacing=round(8 * unit))  # fmt: skip
    return card


def _wrapped(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, room: float
) -> list[str]:
    """Words in lines no wider than `room` pixels (a longer single word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _with_clock(card: Image.Image, at: float, seconds: int) -> Image.Image:
    """The card with the running time and a progress bar along its bottom edge."""
    picture = card.copy()
    draw = ImageDraw.Draw(picture)
    width, height = picture.size
    unit = height / 360
    whole = int(at)
    draw.text((24 * unit, height - 56 * unit), f"{whole // 60}:{whole % 60:02d}",
              fill="white", font=_font(round(22 * unit)))  # fmt: skip
    bar_top = height - 16 * unit
    draw.rectangle([0, bar_top, width, height], fill=(0, 0, 0))
    draw.rectangle([0, bar_top, width * at / seconds, height], fill=ACCENT)
    return picture


def _beeps(frame_number: int, chapter: int) -> av.AudioFrame:
    """One video frame's worth of sound: a beep at the top of each second, else silence."""
    frequency = 440 * 1.25**chapter
    first = frame_number * SAMPLES_PER_FRAME
    samples = array.array("h", bytes(4 * SAMPLES_PER_FRAME))  # 16-bit stereo, silent
    for offset in range(SAMPLES_PER_FRAME):
        n = first + offset
        if (n % SAMPLE_RATE) / SAMPLE_RATE < BEEP_SECONDS:
            value = int(6000 * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE))
            samples[2 * offset] = samples[2 * offset + 1] = value
    frame = av.AudioFrame(format="s16", layout="stereo", samples=SAMPLES_PER_FRAME)
    frame.planes[0].update(samples.tobytes())
    frame.sample_rate = SAMPLE_RATE
    return frame
