"""One `bigasia worker` delivers to the channels in several threads at once (docs/channels.md,
"Delivery"): a fake Bot API that holds every answer until it has THREADS requests in flight
sees exactly THREADS at once, never more, and every story posted once. Overlap is proved by
what the fake saw, not by a stopwatch: a worker that delivered one at a time would leave the
first request held, and the peak at one.

The worker rests before the stories are published, polling its queues only every five
minutes: the deliveries reach its channel threads through the wake-ups of the database queue
(or, in the scale-out pass, RQ's blocking wait on Redis), not through a poll."""

import socket
import threading

from tests.channels.fake_apis import FakeBotApi
from tests.channels.snippets import PUBLISH_STORIES, TELEGRAM_CHANNEL
from tests.scratch import QUIET_PERIODIC_JOBS, wait_until

THREADS = 3
ARTICLES = 6
TOKEN = "434343:threads-test"
HOLD_AT_MOST = 30  # seconds an answer waits for the others: a failure, never a hang

STATES = """
from bigasia.channels.models import Delivery
print(" ".join(Delivery.objects.values_list("state", flat=True)))
"""
AT_REST = """
from bigasia.core.models import WorkerBeat
from bigasia.ops.readiness import queue
beating = WorkerBeat.objects.filter(worker="{host}:{pid}").exists()
print(beating and queue()["depth"] == 0)
"""


class HoldingBotApi(FakeBotApi):
    """Holds each answer until THREADS requests have been in flight at once (then answers
    every one at once), and keeps the largest number it saw in flight."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.in_flight = self.peak = 0
        self._counting = threading.Condition()
        answer = self.answer

        def held(received):
            with self._counting:
                self.in_flight += 1
                self.peak = max(self.peak, self.in_flight)
                self._counting.notify_all()
                self._counting.wait_for(lambda: self.peak >= THREADS, HOLD_AT_MOST)
            try:
                return answer(received)
            finally:
                with self._counting:
                    self.in_flight -= 1

        self.answer = held


def test_one_worker_delivers_in_several_threads_at_once(site):
    api = HoldingBotApi(TOKEN)
    site.env.update(
        THREADS_TEST_BOT_TOKEN=TOKEN, CHANNELS_WORKER_THREADS=str(THREADS),
        CHANNELS_HTTP_TIMEOUT=str(HOLD_AT_MOST * 2), CHANNELS_LEASE_SECONDS="300",
        WORKER_IDLE_POLL_MAX="600", WORKER_CPU_PRIORITY="normal", LOG_LEVEL="WARNING",
        # Not the channels' sweep either: it would enqueue the deliveries from inside the
        # worker, which wakes it itself.
        **QUIET_PERIODIC_JOBS,
    )  # fmt: skip
    try:
        site.python(TELEGRAM_CHANNEL.format(api=api.base_url, secret_env="THREADS_TEST_BOT_TOKEN"))
        worker = site.spawn("worker", "--interval", "300")
        at_rest = AT_REST.format(host=socket.gethostname(), pid=worker.pid)
        assert wait_until(lambda: site.python(at_rest) == "True", timeout=120), (
            "the worker never came to rest"
        )
        site.python(PUBLISH_STORIES.format(articles=ARTICLES))
        assert wait_until(
            lambda: site.python(STATES).split() == ["done"] * ARTICLES, timeout=120, every=0.5
        ), site.python(STATES)
    finally:
        api.stop()

    assert api.peak == THREADS, f"{api.peak} deliveries in flight at once, not {THREADS}"
    posts = [r.fields()["text"] for r in api.received if r.path.endswith("/sendMessage")]
    for n in range(ARTICLES):
        assert sum(text.startswith(f"Статья {n} о саммите") for text in posts) == 1, posts
