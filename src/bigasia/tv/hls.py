"""The HLS rendition ladder: one encode per rendition by the video tools in force, then a
master playlist.

Progress is reported as a whole percentage across all renditions, from each encode's
fraction done (the encoded time against the video's duration).
"""

from collections.abc import Callable
from pathlib import Path

from .videotools import VideoInfo, VideoTools
from .videotools.base import AUDIO_KBPS, Rendition

# (height, video bitrate in kbit/s). Renditions taller than the source are left out.
LADDER = [(360, 800), (720, 2800), (1080, 5000)]


def ladder_for(width: int, height: int) -> list[Rendition]:
    """The ladder's rungs no taller than the source; a small source gets one at its own size."""
    rungs = [(h, kbps) for h, kbps in LADDER if h <= height] or [(height, LADDER[0][1])]
    return [Rendition(h, _even(width * h / height), kbps) for h, kbps in rungs]


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def build(
    tools: VideoTools,
    source: Path,
    out_dir: Path,
    info: VideoInfo,
    on_progress: Callable[[int], None],
) -> list[Rendition]:
    """Write <rendition>.m3u8 + segments for each rung and master.m3u8 into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    renditions = ladder_for(info.width, info.height)
    for index, rendition in enumerate(renditions):

        def report(fraction: float, index=index) -> None:
            on_progress(int(100 * (index + fraction) / len(renditions)))

        tools.encode_rendition(source, out_dir, rendition, info, report)
    (out_dir / "master.m3u8").write_text(master_playlist(renditions, info.has_audio))
    on_progress(100)
    return renditions


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
