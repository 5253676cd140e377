"""Fixtures of the delivery tests: the SMTP sink, a newsletter with confirmed subscribers,
an issue, and engine settings small enough that retries and pauses take a fraction of a
second. The fixtures need no import; `drain` does. Readers come from
tests/newsletters/factories.py."""

import itertools

import pytest

from bigasia.newsletters import batch, lifecycle
from bigasia.newsletters.models import Issue
from tests.newsletters import factories
from tests.smtp import SmtpServer

_sequence = itertools.count(1)


@pytest.fixture
def smtp_sink():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def delivery_engine(settings, smtp_sink):
    """Engine settings pointing at the sink; small batches, quick retries and pauses."""
    # pytest-django swaps EMAIL_BACKEND for its outbox; the engine's path is the real one.
    settings.EMAIL_BACKEND = "bigasia.newsletters.dkim_backend.DKIMSigningBackend"
    settings.EMAIL_TRANSPORT = "bigasia.newsletters.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.NEWSLETTERS_BATCH_SIZE = 5
    settings.NEWSLETTERS_PARALLEL_BATCHES = 2
    settings.NEWSLETTERS_RATE_PER_SECOND = 0
    settings.NEWSLETTERS_RETRY_SECONDS = 0.2
    settings.NEWSLETTERS_OUTAGE_SECONDS = 0.3
    settings.NEWSLETTERS_SMTP_TIMEOUT = 5
    batch._rendered.clear()  # ids repeat across test databases
    return settings


@pytest.fixture
def send_newsletter(db):
    n = next(_sequence)
    return factories.newsletter("ru", slug=f"daily-{n}", name=f"Daily {n}")


@pytest.fixture
def send_issue(send_newsletter):
    return Issue.objects.create(newsletter=send_newsletter, subject="Главное за день")


def drain(issue: Issue, rounds: int = 40, pause: float = 0.1) -> None:
    """Run the periodic sweep until the issue is sent (the immediate task backend runs the
    batches it starts inside the call)."""
    import time

    for _ in range(rounds):
        issue.refresh_from_db()
        if issue.status == Issue.Status.SENT:
            return
        time.sleep(pause)
        lifecycle.tend()
    issue.refresh_from_db()
