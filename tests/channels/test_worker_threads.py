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

import pytest

from tests.channels.fake_apis import FakeBotApi
from tests.scratch import create_scratch_site, wait_until

THREADS = 3
ARTICLES = 6
TOKEN = "434343:threads-test"
HOLD_AT_MOST = 30  # seconds an answer waits for the others: a failure, never a hang

CHANNEL = """
from wagtail.models import Locale, Site
from bigasia.articles.models import SectionPage
from bigasia.channels.models import Channel
section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
channel = Channel.objects.create(
    kind="telegram", name="Telegram", site=Site.objects.get(is_default_site=True),
    locale=Locale.objects.get(language_code="ru"), secret_env="THREADS_TEST_BOT_TOKEN",
    options={{"api_url": "{api}", "chat_id": "@bigasia_news"}}, max_attempts=3)
channel.sections.add(section)
"""
PUBLISH = """
import json
from bigasia.articles.models import ArticlePage, SectionPage
section = SectionPage.objects.get(locale__language_code="ru", slug="politics")
for n in range({articles}):
    page = ArticlePage(title=f"Статья {{n}} о саммите", lead="Лид", locale=section.locale,
                       body=json.dumps([{{"type": "paragraph", "value": "<p>Текст</p>"}}]))
    section.add_child(instance=page)
    page.save_revision().publish()
"""
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
# Every periodic job once at start, then not again within the test: the channels' sweep
# would otherwise enqueue the deliveries from inside the worker, which wakes it itself.
QUIET_JOBS = {
    name: "3600"
    for name in (
        "PUBLISH_SCHEDULED_EVERY", "READERSHIP_MOVE_EVERY", "READERSHIP_MOST_READ_RANK_EVERY",
        "TV_HLS_SWEEP_EVERY", "FEEDS_SCHEDULE_EVERY", "PARTNERS_FLUSH_EVERY",
        "WIRE_PURGE_EVERY", "MAIL_QUEUE_SWEEP_EVERY", "NEWSLETTERS_TEND_EVERY",
        "CHANNELS_SWEEP_EVERY",
    )
}  # fmt: skip


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


@pytest.fixture
def site(tmp_path):
    site, cleanup = create_scratch_site(tmp_path)
    yield site
    site.stop_all()
    cleanup()


def test_one_worker_delivers_in_several_threads_at_once(site):
    api = HoldingBotApi(TOKEN)
    site.env.update(
        THREADS_TEST_BOT_TOKEN=TOKEN, CHANNELS_WORKER_THREADS=str(THREADS),
        CHANNELS_HTTP_TIMEOUT=str(HOLD_AT_MOST * 2), CHANNELS_LEASE_SECONDS="300",
        WORKER_IDLE_POLL_MAX="600", WORKER_CPU_PRIORITY="normal", LOG_LEVEL="WARNING",
        **QUIET_JOBS,
    )  # fmt: skip
    try:
        site.python(CHANNEL.format(api=api.base_url))
        worker = site.spawn("worker", "--interval", "300")
        at_rest = AT_REST.format(host=socket.gethostname(), pid=worker.pid)
        assert wait_until(lambda: site.python(at_rest) == "True", timeout=120), (
            "the worker never came to rest"
        )
        site.python(PUBLISH.format(articles=ARTICLES))
        assert wait_until(
            lambda: site.python(STATES).split() == ["done"] * ARTICLES, timeout=120, every=0.5
        ), site.python(STATES)
    finally:
        api.stop()

    assert api.peak == THREADS, f"{api.peak} deliveries in flight at once, not {THREADS}"
    posts = [r.fields()["text"] for r in api.received if r.path.endswith("/sendMessage")]
    for n in range(ARTICLES):
        assert sum(text.startswith(f"Статья {n} о саммите") for text in posts) == 1, posts
