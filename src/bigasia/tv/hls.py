"""The HLS rendition ladder: one ffmpeg run per rendition, then a master playlist.

Progress is reported as a whole percentage across all renditions, from ffmpeg's
`-progress` output (out_time_us against the video's duration).
"""

import ctypes
import os
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# (height, video bitrate in kbit/s). Renditions taller than the source are left out.
LADDER = [(360, 800), (720, 2800), (1080, 5000)]
AUDIO_KBPS = 96
SEGMENT_SECONDS = 4


@dataclass(frozen=True)
class Rendition:
    height: int
    width: int
    video_kbps: int

    @property
    def name(self) -> str:
        return f"{self.height}p"


def ladder_for(width: int, height: int) -> list[Rendition]:
    """The ladder's rungs no taller than the source; a small source gets one at its own size."""
    rungs = [(h, kbps) for h, kbps in LADDER if h <= height] or [(height, LADDER[0][1])]
    return [Rendition(h, _even(width * h / height), kbps) for h, kbps in rungs]


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def build(source: Path, out_dir: Path, info, on_progress: Callable[[int], None]) -> list[Rendition]:
    """Write <rendition>.m3u8 + segments for each rung and master.m3u8 into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    renditions = ladder_for(info.width, info.height)
    for index, rendition in enumerate(renditions):

        def report(fraction: float, index=index) -> None:
            on_progress(int(100 * (index + fraction) / len(renditions)))

        _encode(source, out_dir, rendition, info, report)
    (out_dir / "master.m3u8").write_text(master_playlist(renditions, info.has_audio))
    on_progress(100)
    return renditions


def _encode(source: Path, out_dir: Path, rendition: Rendition, info, report) -> None:
    audio = ["-c:a", "aac", "-b:a", f"{AUDIO_KBPS}k", "-ac", "2"] if info.has_audio else ["-an"]
    command = [
        "ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(source),
        "-vf", f"scale={rendition.width}:{rendition.height}",
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
        "-b:v", f"{rendition.video_kbps}k", "-maxrate", f"{rendition.video_kbps * 3 // 2}k",
        "-bufsize", f"{rendition.video_kbps * 2}k", *audio,
        "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_segment_filename", str(out_dir / f"{rendition.name}_%04d.ts"),
        "-progress", "pipe:1", "-nostats", str(out_dir / f"{rendition.name}.m3u8"),
    ]  # fmt: skip
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
        raise subprocess.CalledProcessError(run.returncode, command, stderr=errors)


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


def master_playlist(renditions: list[Rendition], has_audio: bool) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for rendition in renditions:
        bandwidth = (rendition.video_kbps + (AUDIO_KBPS if has_audio else 0)) * 1000
        codecs = "avc1.4d401f,mp4a.40.2" if has_audio else "avc1.4d401f"
        lines.append(
            f"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},"
            f'RESOLUTION={rendition.width}x{rendition.height},CODECS="{codecs}"'
        )
        lines.append(f"{rendition.name}.m3u8")
    return "\n".join(lines) + "\n"
