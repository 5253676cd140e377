"""A sending process killed with SIGKILL at random points, many times: every row the engine
left in flight (which recovery counts as sent, not resent) is a message the server has.

The 100,000-subscriber bench with 10 SIGKILLs once lost two such messages. The in-flight
mark reached PostgreSQL before the final "." was written, and writing the mark woke the
database's process, which on a busy machine took the CPU from the worker for up to
milliseconds: a kill then left the mark without the ".". Now the "." is queued in the
kernel first (delivered even after the worker dies) and the mark written after. The batch
runs in a forked child of this process (the real engine, the real SMTP sink and database;
a fork costs milliseconds where a worker process costs seconds), killed after a random
number of messages.
"""

import os
import random
import signal
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from bigasia.newsletters import batch
from bigasia.newsletters.models import Delivery, Issue, Subscriber, Subscription
from tests.smtp import SmtpServer

KILLS = 120
READERS = 4000


@pytest.fixture
def big_issue(send_issue):
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"killed{i}@example.org", name=f"Reader {i}", language="ru",
            token_nonce=f"n{i}", status=Subscriber.Status.CONFIRMED,
        )
        for i in range(READERS)
    )  # fmt: skip
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, newsletter=send_issue.newsletter) for s in subscribers
    )
    Delivery.objects.bulk_create(
        Delivery(issue=send_issue, subscriber=s, email=s.email) for s in subscribers
    )
    Issue.objects.filter(pk=send_issue.pk).update(
        status=Issue.Status.SENDING, started_at=timezone.now()
    )
    # Rendered once here, so a child spends its short life sending, not rendering.
    batch.rendered(send_issue).wire_for(subscribers[0])
    return send_issue


def _send_in_child(issue: Issue) -> int:
    """Fork a process that claims a batch and sends it; returns its pid once it has claimed."""
    connections.close_all()  # the child opens its own database connection
    ready, tell = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's exit status is never read
        os.close(ready)
        claimed = batch.claim(issue, 300, timezone.now())
        os.write(tell, b"1")
        claimed.send()
        os._exit(0)
    os.close(tell)
    os.read(ready, 1)
    os.close(ready)
    return pid


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="forked processes share a database only through a server (the scale-out pass)",
)
def test_it_never_counts_as_sent_a_message_the_server_did_not_get(
    delivery_engine,
    smtp_sink: SmtpServer,
    big_issue: Issue,
) -> None:
    random.seed(5)
    in_flight_seen = 0
    for _ in range(KILLS):
        received = len(smtp_sink.inbox.message_ids)
        pid = _send_in_child(big_issue)
        # Killed a random moment after its first message arrived, so that the kill lands
        # mid-send however long a loaded machine takes the child to connect and start.
        deadline = time.monotonic() + 10
        while len(smtp_sink.inbox.message_ids) == received and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(random.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        rows = Delivery.objects.filter(issue=big_issue)
        in_flight = set(
            rows.filter(status=Delivery.Status.IN_FLIGHT).values_list("message_id", flat=True)
        )
        in_flight_seen += len(in_flight)
        # The kernel delivers the dead process's queued "." on its own time: wait for it.
        deadline = time.monotonic() + 5
        while not in_flight <= set(smtp_sink.inbox.message_ids) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert in_flight <= set(smtp_sink.inbox.message_ids), "counted as sent, never received"
        # What the sweep does after the lease: in flight counts as sent, claimed is resent.
        rows.filter(status=Delivery.Status.IN_FLIGHT).update(
            status=Delivery.Status.SENT, lease_token="", lease_until=None
        )
        rows.filter(status=Delivery.Status.CLAIMED).update(
            status=Delivery.Status.PENDING, lease_token="", lease_until=None
        )
    assert in_flight_seen >= KILLS // 2  # most kills landed mid-send, not before or after
