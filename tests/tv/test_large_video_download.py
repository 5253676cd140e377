"""A 512 MiB video downloaded through the production stack (granian, the edge cache, Django)
streams: the server's memory grows by far less than the file."""

import os
import urllib.request
from pathlib import Path

import pytest

from .helpers import scratch_video

VIDEO_BYTES = 512 * 1024 * 1024
RSS_GROWTH_LIMIT = 50 * 1024 * 1024
PRODUCTION = {
    "SECRET_KEY": "v" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "1",
}


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (granian's workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue  # the process ended while we looked
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
        total += pages * os.sysconf("SC_PAGE_SIZE")
    return total


@pytest.fixture
def big_video_url(scratch_site):
    """A sparse 512 MiB file (cheap to make) as the video of the demo's live issue 829."""
    with scratch_video(scratch_site, "big.mp4", VIDEO_BYTES) as (_path, url):
        yield url


def test_downloading_a_512_mib_video_grows_the_server_by_less_than_50_mb(
    scratch_site, big_video_url
):
    server, base = scratch_site.serve_production(**PRODUCTION)
    try:
        with urllib.request.urlopen(base + big_video_url, timeout=30) as warm_up:
            warm_up.read(1024 * 1024)  # the worker has imported and served a video once
        baseline = peak = _tree_rss(server.pid)
        received = 0
        with urllib.request.urlopen(base + big_video_url, timeout=30) as response:
            assert response.headers["X-Cache"] == "MISS"
            while chunk := response.read(4 * 1024 * 1024):
                received += len(chunk)
                peak = max(peak, _tree_rss(server.pid))
    finally:
        scratch_site.stop(server)
    assert received == VIDEO_BYTES
    assert peak - baseline < RSS_GROWTH_LIMIT, f"grew by {(peak - baseline) >> 20} MiB"
