"""A real `bigasia worker` SIGKILLed between the Bot API's receipt of a post and the worker's
record of it, then a second worker: the Bot API saw no article posted twice, the one whose
outcome died with the worker waits in the log for a person's check instead of being posted
again, and so does any other delivery its threads had in flight; every other article is
posted once (docs/channels.md, "Exactly once")."""

import signal
import threading

from tests.channels.fake_apis import FakeBotApi
from tests.channels.snippets import PUBLISH_STORIES, TELEGRAM_CHANNEL
from tests.scratch import wait_until

ARTICLES = 6
KILL_AT_POST = 3
THREADS = 3  # the killed worker's channel threads: as many deliveries in flight at the kill
TOKEN = "424242:worker-test"

SEED = TELEGRAM_CHANNEL + PUBLISH_STORIES
STATES = """
from bigasia.channels.models import Delivery
for d in Delivery.objects.order_by("page_id"):
    print(d.page_id, d.state)
"""


def _states(site) -> dict[int, str]:
    lines = site.python(STATES).splitlines()
    return {int(page): state for page, state in (line.split() for line in lines)}


def _article(text: str) -> int:
    return next(n for n in range(ARTICLES) if text.startswith(f"Статья {n} о саммите"))


def test_a_worker_killed_mid_post_leaves_one_post_per_article_and_a_check(site):
    api = FakeBotApi(TOKEN)
    workers = []
    killed = threading.Event()
    killing = threading.Lock()  # the worker's threads post at once: one answer kills
    cut: list[int] = []  # the article whose post the kill cut off
    answer = api.answer

    def kill_before_answering(received):
        reply = answer(received)  # the post is made: Telegram has it from here on
        posts = [r for r in api.received if r.path.endswith(("/sendMessage", "/sendPhoto"))]
        with killing:
            if len(posts) >= KILL_AT_POST and not killed.is_set():
                workers[0].send_signal(signal.SIGKILL)
                workers[0].wait()
                cut.append(_article(received.fields()["text"]))
                killed.set()
        return reply

    api.answer = kill_before_answering
    site.env.update(
        KILL_TEST_BOT_TOKEN=TOKEN, CHANNELS_LEASE_SECONDS="3", CHANNELS_HTTP_TIMEOUT="1",
        CHANNELS_SWEEP_EVERY="1", CHANNELS_WORKER_THREADS=str(THREADS), LOG_LEVEL="WARNING",
    )  # fmt: skip
    try:
        pages = [
            int(pk)
            for pk in site.python(
                SEED.format(api=api.base_url, secret_env="KILL_TEST_BOT_TOKEN", articles=ARTICLES)
            ).split()
        ]
        workers.append(site.spawn("worker", "--interval", "0.2"))
        assert killed.wait(120), "the worker never reached the post it was to be killed at"
        workers.append(site.spawn("worker", "--interval", "0.2"))
        settled = {"done", "unknown", "failed"}
        assert wait_until(
            lambda: set(_states(site).values()) <= settled and len(_states(site)) == ARTICLES,
            timeout=120, every=1,
        ), _states(site)  # fmt: skip
    finally:
        api.stop()

    posts = [r.fields()["text"] for r in api.received if r.path.endswith("/sendMessage")]
    counts = [sum(_article(text) == n for text in posts) for n in range(ARTICLES)]
    states = _states(site)
    assert sorted(states) == sorted(pages)
    assert max(counts) == 1, f"an article posted twice: {posts}"
    assert (states[pages[cut[0]]], counts[cut[0]]) == ("unknown", 1), "the post the kill cut off"
    # The worker's other threads may have been mid-post too: each such delivery, posted or
    # not, waits for a person's check; every other article is posted once and done.
    unknown = [n for n, page in enumerate(pages) if states[page] == "unknown"]
    assert len(unknown) <= THREADS, "only the deliveries in flight at the kill need a check"
    assert all(states[page] == "done" for n, page in enumerate(pages) if n not in unknown)
    assert all(counts[n] == 1 for n in range(ARTICLES) if n not in unknown), posts
