"""The parts of an idle worker's rest, each on its real medium: Unix datagram sockets, the
PostgreSQL connection's LISTEN/NOTIFY, the scheduler's table."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic
from bigasia.core.dbqueue import IdleBackoff
from bigasia.core.models import PeriodicJob
from bigasia.core.wakeup.datagram import DatagramChannel
from bigasia.core.wakeup.postgres import NotifyChannel
from tests.scratch import on_postgres


@pytest.mark.db_independent
def test_a_datagram_poke_wakes_every_listener_once(tmp_path):
    channel = DatagramChannel(tmp_path / "wakeups")
    first, second = channel.listen(), channel.listen()
    try:
        assert not first.wait(0), "woken with nothing enqueued"
        for _ in range(3):
            channel.poke()
        assert first.wait(10) and second.wait(10)
        assert not first.wait(0), "three pokes are one reason to look, not three"
    finally:
        first.close()
        second.close()
    assert not list((tmp_path / "wakeups").iterdir()), "a closed listener leaves its socket"


@pytest.mark.db_independent
def test_a_poke_removes_the_socket_of_a_killed_worker(tmp_path):
    channel = DatagramChannel(tmp_path / "wakeups")
    listener = channel.listen()
    stale = listener.path
    listener.sock.close()  # as a SIGKILL leaves it: the file stays, nobody reads it
    channel.poke()
    assert not stale.exists()


@pytest.mark.db_independent
def test_a_poke_with_no_worker_listening_is_harmless(tmp_path):
    DatagramChannel(tmp_path / "never-listened").poke()


@pytest.mark.db_independent
def test_the_rest_doubles_while_idle_and_shortens_after_work():
    backoff = IdleBackoff(0.5, 5)
    assert [backoff.next() for _ in range(6)] == [0.5, 1, 2, 4, 5, 5]
    backoff.reset()
    assert backoff.next() == 0.5


@pytest.fixture
def notify():
    """A NOTIFY channel on the test database and a listener on it (PostgreSQL only)."""
    if not on_postgres():
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's (the scale-out pass)")
    channel = NotifyChannel(connection.alias)
    listener = channel.listen()
    yield channel, listener
    listener.close()


@pytest.mark.django_db(transaction=True)
def test_notify_wakes_a_listener_only_when_the_enqueue_commits(notify):
    channel, listener = notify
    with pytest.raises(RuntimeError), transaction.atomic():
        channel.poke()
        raise RuntimeError("the enqueuing request fails")
    channel.poke()  # autocommit: delivered at once
    assert listener.wait(10)
    assert not listener.wait(0.2), "the rolled-back poke was delivered"


def _notifies(queries: CaptureQueriesContext) -> int:
    return sum("pg_notify" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_notify_is_sent_once_a_transaction_and_again_after_its_savepoint_rolled_back(notify):
    channel, listener = notify
    with CaptureQueriesContext(connection) as sent, transaction.atomic():
        channel.poke()
        channel.poke()
    assert _notifies(sent) == 1
    assert listener.wait(10)
    with CaptureQueriesContext(connection) as sent, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            channel.poke()
            raise RuntimeError("the savepoint rolls back, and its NOTIFY with it")
        channel.poke()
    assert _notifies(sent) == 2
    assert listener.wait(10), "no poke was delivered after the savepoint's rollback"


@task()
def nothing_to_do_here() -> None:
    raise AssertionError("a job with no work must not run")


@pytest.mark.django_db
def test_a_job_with_no_work_is_claimed_and_counted_done_without_a_task(monkeypatch):
    job = periodic.Job(task=nothing_to_do_here, interval_seconds=lambda: 60, has_work=lambda: False)
    monkeypatch.setattr(periodic, "_jobs", {job.name: job})
    now = timezone.now()
    tick = periodic.run_due(now)
    assert tick.enqueued == []
    row = PeriodicJob.objects.get(name=job.name)
    assert row.last_finished_at == now, "/readyz would see the job fall behind"
    assert row.next_run_at == now + timedelta(seconds=60) == tick.next_due_at


@pytest.mark.django_db
def test_the_tick_says_when_the_next_job_falls_due(monkeypatch):
    soon = periodic.Job(task=nothing_to_do_here, interval_seconds=lambda: 7, has_work=lambda: False)
    monkeypatch.setattr(periodic, "_jobs", {soon.name: soon})
    now = timezone.now()
    PeriodicJob.objects.create(name=soon.name, next_run_at=now + timedelta(seconds=3))
    assert periodic.run_due(now).next_due_at == now + timedelta(seconds=3)
    assert periodic.run_due(now + timedelta(seconds=3)).next_due_at == now + timedelta(seconds=10)
