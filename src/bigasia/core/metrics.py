"""The site's Prometheus metrics, defined once for every app that counts something.

Several processes count (granian's workers, `bigasia worker`), so prometheus-client runs in
its multiprocess mode: each process writes its samples to memory-mapped files under
METRICS_DIR and /metrics (bigasia.ops) sums the files of the host. The alternative, one
registry per process, would show whichever worker answered the scrape. The directory must
be set before prometheus_client is first imported, which is why only this module imports
it and why it does so after reading the setting. Files of processes that died are removed
when `bigasia serve` or `bigasia worker` starts (`forget_dead_processes`).
"""

import os
import re
from pathlib import Path

from django.conf import settings

if settings.METRICS_ENABLED:
    Path(settings.METRICS_DIR).mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(settings.METRICS_DIR)

from prometheus_client import Counter, Gauge, Histogram  # after the directory

REQUESTS = Histogram(
    "bigasia_request_duration_seconds",
    "Time to answer a request, by kind of view and edge-cache outcome.",
    ["kind", "cache", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BEACONS = Counter(
    "bigasia_beacons_total", "View beacons by verdict (counted, ignored, deferred, too-many).",
    ["verdict"],
)  # fmt: skip
BEACONS_REJECTED_AT_FLUSH = Counter(
    "bigasia_beacons_rejected_at_flush_total",
    "Deferred beacons Redis refused at the flush (rate limit or already counted).",
)
VIEW_FLUSH_LAG = Gauge(
    "bigasia_view_buffer_flush_lag_seconds",
    "Age of the oldest view waiting in this process's buffer (0 when empty).",
    multiprocess_mode="livemax",
)
FEED_POLLS = Counter("bigasia_feed_polls_total", "Feed polls by outcome.", ["outcome"])

_PID_FILE = re.compile(r"_(\d+)\.db$")


def forget_dead_processes() -> int:
    """Remove the sample files of processes that no longer run; returns how many went."""
    if not settings.METRICS_ENABLED:
        return 0
    from prometheus_client import multiprocess

    removed = 0
    for path in Path(settings.METRICS_DIR).glob("*.db"):
        match = _PID_FILE.search(path.name)
        if match and not _alive(int(match.group(1))):
            multiprocess.mark_process_dead(int(match.group(1)))  # type: ignore[no-untyped-call]  # unannotated in prometheus_client
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
