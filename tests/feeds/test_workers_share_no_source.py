"""Several worker processes against one database never poll the same source at once, and
never hold more than FEEDS_PER_HOST_CONCURRENCY connections to one host.

Real separate processes (the scratch site: PostgreSQL in the scale-out pass) poll the same
sources over and over, in different orders; a local partner server counts the requests it
is serving at the same moment, per feed and in all."""

import json
import threading
import time
import uuid

import pytest

from tests.http_fake import LocalHTTPServer, QuietHandler
from tests.scratch import wait_until

FEEDS = 6
WORKERS = 4
RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>p</title>'
    b"<item><title>One story</title><link>http://partner.example/1</link></item>"
    b"</channel></rss>"
)

# Each worker polls every source, in its own rotation, until the test has seen what it
# waits for (the stop file appears) or the deadline: the processes collide on the same
# source all the time, which only the lease can keep apart. A worker that is turned away
# (the source's lease, or the host's limit) leaves a file named after the outcome in the
# marks folder, so the test can wait for a collision instead of hoping one happened.
POLL_LOOP = """
import json, os, time
from bigasia.feeds.models import FeedSource
from bigasia.feeds.polling import poll_source
ids = sorted(FeedSource.objects.filter(name__startswith="lease-").values_list("pk", flat=True))
shift = {shift}
ids = ids[shift:] + ids[:shift]
tally = {{}}
deadline = time.monotonic() + {seconds}
while not os.path.exists({stop!r}) and time.monotonic() < deadline:
    for source_id in ids:
        status = poll_source(source_id).status
        tally[status] = tally.get(status, 0) + 1
        if status in ("busy", "host-busy"):
            open(os.path.join({marks!r}, status), "a").close()
print(json.dumps(tally))
"""


class CountingPartner:
    """Serves RSS slowly (so polls overlap in time) and records the peak number of requests
    in flight per feed and over all feeds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.total = 0
        self.peak_total = 0
        self.served = 0
        self.httpd = LocalHTTPServer(self._handler()).start()

    def url(self, path: str) -> str:
        return self.httpd.base_url + path

    def _enter(self, path: str) -> None:
        with self.lock:
            self.in_flight[path] = self.in_flight.get(path, 0) + 1
            self.peak[path] = max(self.peak.get(path, 0), self.in_flight[path])
            self.total += 1
            self.peak_total = max(self.peak_total, self.total)

    def _leave(self, path: str) -> None:
        with self.lock:
            self.in_flight[path] -= 1
            self.total -= 1
            self.served += 1

    def _handler(self):
        partner = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                # Counted from arrival until just before the first byte of the answer: a
                # poller cannot free its lease before it has the answer, so this span lies
                # inside its lease. Counting until after the write let a descheduled server
                # thread overlap the next poller's request and report a peak that never was.
                partner._enter(self.path)
                try:
                    time.sleep(partner.delay)
                finally:
                    partner._leave(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(RSS)))
                self.end_headers()
                self.wfile.write(RSS)

        return Handler


@pytest.fixture
def partner(scratch_site):
    server = CountingPartner(delay=0.15)
    urls = [server.url(f"/feed-{n}.xml") for n in range(FEEDS)]
    scratch_site.python(
        "from bigasia.feeds.models import FeedSource\n"
        "FeedSource.objects.filter(name__startswith='lease-').delete()\n"
        f"for n, url in enumerate({urls!r}):\n"
        "    FeedSource.objects.create(name=f'lease-{n}', url=url, language='ru')"
    )
    yield server
    server.httpd.stop()
    scratch_site.python(
        "from bigasia.feeds.models import FeedSource\n"
        "FeedSource.objects.filter(name__startswith='lease-').delete()"
    )


def run_workers(scratch_site, per_host: int, until, seconds: float = 90) -> list[dict]:
    """Run the workers until `until(marks)` holds (polled: the processes start at their own
    pace on a loaded machine, so a fixed run time may end before two of them overlap), then
    stop them; returns each one's tally of poll outcomes. `marks` is the folder where the
    workers mark being turned away (POLL_LOOP)."""
    env = {"FEEDS_ALLOWED_NETWORKS": "127.0.0.1/32", "FEEDS_PER_HOST_CONCURRENCY": str(per_host)}
    run = uuid.uuid4().hex
    stop, marks = scratch_site.data_dir / f"stop-{run}", scratch_site.data_dir / f"marks-{run}"
    marks.mkdir()
    loops = [
        POLL_LOOP.format(shift=n, seconds=seconds, stop=str(stop), marks=str(marks))
        for n in range(WORKERS)
    ]
    workers = [scratch_site.spawn("shell", "--no-imports", "-c", loop, **env) for loop in loops]
    reached = wait_until(lambda: until(marks), timeout=seconds)
    stop.touch()
    assert reached, "the workers never showed what the test waits for"
    tallies = []
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0, out
        tallies.append(json.loads(out.strip().splitlines()[-1]))
    return tallies


def test_it_never_lets_two_worker_processes_poll_one_source_at_once(scratch_site, partner):
    tallies = run_workers(
        scratch_site,
        per_host=WORKERS * FEEDS,
        until=lambda marks: (
            (marks / "busy").exists()
            and partner.peak_total > 1
            and partner.served >= FEEDS * WORKERS * 2
        ),
    )
    busy = sum(tally.get("busy", 0) for tally in tallies)
    assert busy > 0, "the workers never collided, so the test proved nothing"
    assert partner.served >= FEEDS * 2
    assert partner.peak_total > 1, "polls of different sources still run side by side"
    assert max(partner.peak.values()) == 1, f"a source was polled twice at once: {partner.peak}"


def test_it_keeps_worker_processes_within_the_per_host_limit(scratch_site, partner):
    tallies = run_workers(
        scratch_site,
        per_host=2,
        until=lambda marks: (
            (marks / "host-busy").exists()
            and partner.peak_total >= 2
            and partner.served >= FEEDS * WORKERS * 2
        ),
    )
    assert sum(tally.get("host-busy", 0) for tally in tallies) > 0
    assert partner.peak_total == 2, f"peak connections to one host: {partner.peak_total}"
    assert max(partner.peak.values()) == 1
