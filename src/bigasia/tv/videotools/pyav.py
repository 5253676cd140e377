"""FFmpeg's libraries in this process, through PyAV (the `av` wheel ships them).

Used where no system ffmpeg is installed. The work runs in the calling thread, so a worker
that dies takes its transcode with it; there is no subprocess to time out, and decoding is
bounded by the file (the probe decodes one second, the poster at most up to its frame).
"""

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
from av.error import FFmpegError
from av.video.frame import PictureType

from .base import (
    AUDIO_KBPS,
    INCOMPLETE,
    NOT_A_VIDEO,
    SEGMENT_SECONDS,
    UNREADABLE,
    EncodeFailed,
    Rendition,
    UnreadableVideo,
    VideoInfo,
)

# A decoded end this close to the stated duration counts as whole (frame and packet
# rounding; the last frame starts one frame before the end).
END_TOLERANCE_SECONDS = 1.0
DEFAULT_RATE = Fraction(25)


class PyAv:
    name = "pyav"

    def inspect(self, path: Path) -> VideoInfo:
        try:
            with av.open(str(path)) as container:
                info, video_seconds = _stated(container)
        except (FFmpegError, UnicodeDecodeError) as exc:
            raise UnreadableVideo(UNREADABLE) from exc
        _decode_the_end(path, video_seconds)
        return info

    def grab_frame(self, source: Path, destination: Path, at_seconds: float) -> None:
        with av.open(str(source)) as container:
            stream = container.streams.video[0]
            assert stream.time_base is not None  # every decodable video stream has one
            container.seek(int(at_seconds / stream.time_base), stream=stream)
            frame = next(
                (f for f in container.decode(stream) if f.time is None or f.time >= at_seconds),
                None,
            )
            if frame is None:
                raise UnreadableVideo(INCOMPLETE)
            frame.to_image().save(destination, format="JPEG", quality=85)

    def encode_rendition(
        self,
        source: Path,
        out_dir: Path,
        rendition: Rendition,
        info: VideoInfo,
        report: Callable[[float], None],
    ) -> None:
        options = {
            "hls_time": str(SEGMENT_SECONDS),
            "hls_playlist_type": "vod",
            "hls_segment_filename": str(out_dir / f"{rendition.name}_%04d.ts"),
        }
        playlist = str(out_dir / f"{rendition.name}.m3u8")
        try:
            with av.open(str(source)) as inp, av.open(playlist, "w", "hls", options=options) as out:
                _transcode(inp, out, rendition, info, report)
        except FFmpegError as exc:
            raise EncodeFailed(str(exc)) from exc


def _stated(container) -> tuple[VideoInfo, float]:
    """What the container says, and how long its video stream runs."""
    if not container.streams.video or not container.duration or container.duration <= 0:
        raise UnreadableVideo(NOT_A_VIDEO)
    video = container.streams.video[0]
    total = container.duration / av.time_base
    video_seconds = float(video.duration * video.time_base) if video.duration else total
    info = VideoInfo(
        duration=total,
        width=video.codec_context.width,
        height=video.codec_context.height,
        has_audio=bool(container.streams.audio),
    )
    return info, video_seconds


def _decode_the_end(path: Path, video_seconds: float) -> None:
    """Decode the last second of video: a file cut short has no frames there, or bad data."""
    last = None
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            start = max(0.0, video_seconds - END_TOLERANCE_SECONDS)
            assert stream.time_base is not None  # every decodable video stream has one
            container.seek(int(start / stream.time_base), stream=stream)
            for frame in container.decode(stream):
                last = frame.time if frame.time is not None else last
    except FFmpegError as exc:
        raise UnreadableVideo(INCOMPLETE) from exc
    if last is None or last < video_seconds - END_TOLERANCE_SECONDS:
        raise UnreadableVideo(INCOMPLETE)


def _transcode(inp, out, rendition: Rendition, info: VideoInfo, report) -> None:
    source_video = inp.streams.video[0]
    rate = source_video.average_rate or DEFAULT_RATE
    video = out.add_stream("libx264", rate=rate, options=_x264_options(rendition, rate))
    video.width, video.height, video.pix_fmt = rendition.width, rendition.height, "yuv420p"
    video.bit_rate = rendition.video_kbps * 1000
    streams = [source_video]
    audio = None
    if info.has_audio:
        audio = out.add_stream("aac", rate=inp.streams.audio[0].rate or 48000, layout="stereo")
        audio.bit_rate = AUDIO_KBPS * 1000
        streams.append(inp.streams.audio[0])
    for frame in inp.decode(*streams):
        if isinstance(frame, av.VideoFrame):
            _mux(out, video, _scaled(frame, rendition))
            if frame.time is not None and info.duration:
                report(min(1.0, frame.time / info.duration))
        else:
            frame.pts = None  # the encoder numbers audio by samples
            _mux(out, audio, frame)
    for stream in filter(None, (video, audio)):
        _mux(out, stream, None)


def _x264_options(rendition: Rendition, rate: Fraction) -> dict[str, str]:
    """As the ffmpeg command line's: veryfast, main profile, a capped rate, and a keyframe
    every segment length so each segment is as long as the playlist says."""
    keyint = max(1, round(rate * SEGMENT_SECONDS))
    return {
        "preset": "veryfast",
        "profile": "main",
        "g": str(keyint),
        "keyint_min": str(keyint),
        "sc_threshold": "0",
        "maxrate": f"{rendition.video_kbps * 3 // 2}k",
        "bufsize": f"{rendition.video_kbps * 2}k",
    }


def _scaled(frame, rendition: Rendition):
    scaled = frame.reformat(width=rendition.width, height=rendition.height, format="yuv420p")
    scaled.pts, scaled.time_base = frame.pts, frame.time_base
    # The source's keyframes would be forced on the encoder too, breaking the segment grid.
    scaled.pict_type = PictureType.NONE
    return scaled


def _mux(out, stream, frame) -> None:
    for packet in stream.encode(frame):
        out.mux(packet)
