"""A real `bigasia worker` killed with SIGKILL mid-send, a second worker finishing the send:
every subscriber got one message, or two with one Message-ID for the single message the
documented narrow window allows (Message-IDs counted at the SMTP sink)."""

import signal
import time

import pytest

from tests.scratch import create_scratch_site, wait_until
from tests.smtp import SmtpServer

READERS = 240

SEED = f"""
from bigasia.newsletters.models import Issue, Newsletter, Subscriber, Subscription
n = Newsletter.objects.create(name="Daily", slug="daily", language="ru")
for i in range({READERS}):
    s = Subscriber.objects.create(email=f"r{{i}}@example.org", language="ru",
                                  status="confirmed", token_nonce=str(i))
    Subscription.objects.create(subscriber=s, newsletter=n)
issue = Issue.objects.create(newsletter=n, subject="Главное за день")
print(issue.pk)
"""
START = """
from bigasia.newsletters.models import Issue
from bigasia.newsletters.lifecycle import start_sending
start_sending(Issue.objects.get(pk={issue}))
"""
STATE = """
from bigasia.newsletters.models import Issue
from bigasia.newsletters.lifecycle import status_counts
print(Issue.objects.get(pk={issue}).status, status_counts({issue})["sent"])
"""


@pytest.fixture
def site(tmp_path):
    site, cleanup = create_scratch_site(tmp_path, demo=False)
    yield site
    site.stop_all()
    cleanup()


def test_it_finishes_a_send_after_a_worker_is_killed_mid_batch(site):
    sink = SmtpServer()
    sink.start()
    site.env.update(
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(sink.port),
        NEWSLETTERS_RATE_PER_SECOND="60", NEWSLETTERS_BATCH_SIZE="20",
        NEWSLETTERS_PARALLEL_BATCHES="2", NEWSLETTERS_LEASE_SECONDS="3",
        NEWSLETTERS_TEND_EVERY="1", LOG_LEVEL="WARNING",
    )  # fmt: skip
    try:
        issue = int(site.python(SEED))
        first = site.spawn("worker", "--interval", "0.2")
        site.python(START.format(issue=issue))
        assert wait_until(lambda: len(sink.inbox.recipients) >= 50, timeout=120)

        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = len(sink.inbox.recipients)
        time.sleep(1)
        site.spawn("worker", "--interval", "0.2")

        assert wait_until(
            lambda: site.python(STATE.format(issue=issue)).startswith("sent"), timeout=240,
            every=2,
        ), site.python(STATE.format(issue=issue))  # fmt: skip
    finally:
        sink.stop()

    assert killed_at < READERS  # the kill happened mid-send
    counts = sink.inbox.per_recipient()
    assert sorted(counts) == sorted(f"r{i}@example.org" for i in range(READERS))  # no loss
    # Exactly once, but for the one window docs/newsletters.md names ("The narrow window"):
    # a kill after the final "." is queued and before the in-flight mark is committed. The
    # worker holds one connection at a time, so the kill cuts at most one message there; it
    # is sent again with the same Message-ID, which receivers de-duplicate. A kill landing
    # in it while the worker is preempted on a loaded machine is rare, not impossible.
    twice = [address for address, n in counts.items() if n > 1]
    assert len(twice) <= 1 and max(counts.values()) <= 2, counts.most_common(3)
    ids = sink.inbox.message_ids
    assert len(set(ids)) == READERS  # one Message-ID per reader, a duplicate's included
    assert len(ids) == READERS + len(twice)
