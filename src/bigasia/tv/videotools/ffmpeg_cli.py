"""The system's ffmpeg and ffprobe, run as subprocesses with timeouts.

Each transcode asks the kernel to kill ffmpeg when its worker dies (PR_SET_PDEATHSIG), so
none outlives its job even when the worker is SIGKILLed.
"""

import ctypes
import json
import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

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

PROBE_TIMEOUT = 60


class SystemFfmpeg:
    name = "ffmpeg"

    def inspect(self, path: Path) -> VideoInfo:
        streams = _ffprobe(path)
        video = next((s for s in streams["streams"] if s.get("codec_type") == "video"), None)
        duration = _duration(streams)
        if video is None or duration is None or duration <= 0:
            raise UnreadableVideo(NOT_A_VIDEO)
        _decode_the_end(path)
        return VideoInfo(
            duration=duration,
            width=int(video.get("width") or 0),
            height=int(video.get("height") or 0),
            has_audio=any(s.get("codec_type") == "audio" for s in streams["streams"]),
        )

    def grab_frame(self, source: Path, destination: Path, at_seconds: float) -> None:
        command = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-ss", f"{at_seconds:.3f}",
                   "-i", str(source), "-frames:v", "1", "-q:v", "3", str(destination)]  # fmt: skip
        subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=True)

    def encode_rendition(
        self,
        source: Path,
        out_dir: Path,
        rendition: Rendition,
        info: VideoInfo,
        report: Callable[[float], None],
    ) -> None:
        command = _hls_command(source, out_dir, rendition, info.has_audio)
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent(),
        ) as run:
            assert run.stdout is not None and run.stderr is not None  # both are PIPEs
            for line in run.stdout:
                key, _, value = line.strip().partition("=")
                if key == "out_time_us" and value.isdigit() and info.duration:
                    report(min(1.0, int(value) / 1_000_000 / info.duration))
            errors = run.stderr.read()
        if run.returncode != 0:
            raise EncodeFailed(f"ffmpeg exited with {run.returncode}: {errors.strip()}")


def _ffprobe(path: Path) -> dict:
    command = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format",
               "-show_streams", str(path)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    if result.returncode != 0:
        raise UnreadableVideo(UNREADABLE)
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
        raise UnreadableVideo(INCOMPLETE)


def _hls_command(source: Path, out_dir: Path, rendition: Rendition, has_audio: bool) -> list:
    audio = ["-c:a", "aac", "-b:a", f"{AUDIO_KBPS}k", "-ac", "2"] if has_audio else ["-an"]
    # A keyframe every segment length, so each segment is as long as the playlist says.
    keyframes = f"expr:gte(t,n_forced*{SEGMENT_SECONDS})"
    return [
        "ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(source),
        "-vf", f"scale={rendition.width}:{rendition.height}",
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
        "-force_key_frames", keyframes,
        "-b:v", f"{rendition.video_kbps}k", "-maxrate", f"{rendition.video_kbps * 3 // 2}k",
        "-bufsize", f"{rendition.video_kbps * 2}k", *audio,
        "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_segment_filename", str(out_dir / f"{rendition.name}_%04d.ts"),
        "-progress", "pipe:1", "-nostats", str(out_dir / f"{rendition.name}.m3u8"),
    ]  # fmt: skip


_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent() -> Callable[[], None]:
    """For the child between fork and exec: the kernel SIGKILLs ffmpeg when the worker dies
    (even by SIGKILL, which runs no clean-up of ours), so no transcode outlives its job."""
    parent = os.getpid()

    def arrange() -> None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the worker died before prctl took effect
            os._exit(1)

    return arrange
