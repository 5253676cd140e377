"""The parts of `bigasia worker`'s threads (core/worker_threads.py), in one process: which
queues get which threads, the wake-ups fanned out to them, and a stop that reaches all."""

import threading

import pytest

from bigasia.core import worker_threads
from bigasia.core.worker_threads import Doorbell, Lane, WorkerThreads, plan_lanes
from tests.scratch import wait_until


@pytest.mark.db_independent
def test_the_channels_queue_gets_threads_of_its_own(settings):
    settings.CHANNELS_WORKER_THREADS = 4
    assert plan_lanes(["default", "channels"]) == [Lane(("default",), 1), Lane(("channels",), 4)]


@pytest.mark.db_independent
def test_without_channel_threads_or_queue_the_default_lane_works_every_queue(settings):
    settings.CHANNELS_WORKER_THREADS = 0
    assert plan_lanes(["default", "channels"]) == [Lane(("default", "channels"), 1)]
    settings.CHANNELS_WORKER_THREADS = 4
    assert plan_lanes(["default"]) == [Lane(("default",), 1)]


@pytest.mark.db_independent
def test_a_ring_wakes_every_listener_and_rings_while_busy_count_once():
    bell = Doorbell()
    first, second = bell.listener(), bell.listener()
    assert not first.wait(0), "woken with nothing rung"
    for _ in range(3):
        bell.ring()
    assert first.wait(10) and second.wait(10)
    assert not first.wait(0), "three rings are one reason to look, not three"


@pytest.mark.db_independent
def test_closing_the_doorbell_ends_a_wait_in_progress():
    bell = Doorbell()
    listener = bell.listener()
    ended = threading.Event()
    waiter = threading.Thread(target=lambda: (listener.wait(600), ended.set()))
    waiter.start()
    bell.close()
    assert ended.wait(10), "a resting thread would outlive the stop by its whole rest"
    waiter.join()


class Recording:
    """A lane worker that works until asked to stop; the first one built fails at once."""

    built: list["Recording"] = []

    def __init__(self) -> None:
        self.stop = threading.Event()
        Recording.built.append(self)

    def run(self) -> None:
        if len(Recording.built) == 1:
            raise RuntimeError("the database restarted")
        self.stop.wait(600)

    def stop_after_task(self) -> None:
        self.stop.set()


@pytest.mark.db_independent
def test_a_failed_worker_is_started_again_and_a_stop_reaches_every_thread(monkeypatch):
    monkeypatch.setattr(worker_threads, "RESTART_AFTER", 0.01)
    monkeypatch.setattr(Recording, "built", [])
    threads = WorkerThreads([Lane(("channels",), 3)], lambda lane, n: Recording())
    threads.start()
    try:
        wait_until(lambda: len(Recording.built) >= 4, timeout=10, every=0.01)
    finally:
        threads.stop()
        joined = threading.Thread(target=threads.join)
        joined.start()
        joined.join(10)
    assert not joined.is_alive(), "a thread did not stop"
    assert len(Recording.built) == 4, "three threads, and the failed one's successor"
    assert all(worker.stop.is_set() for worker in Recording.built[1:])


@pytest.mark.db_independent
def test_a_poll_that_finds_work_rings_the_lane_mates_once_a_wakeup_does_not(monkeypatch):
    from django_tasks_db.management.commands.db_worker import Worker

    from bigasia.core.dbqueue import IdleBackoff, RestingWorker

    monkeypatch.setattr(Worker, "run_task", lambda self, result: None)
    monkeypatch.setattr(RestingWorker, "next_deferred_in", lambda self: None)
    bell, rings = Doorbell(), []
    worker = RestingWorker(
        queue_names=["channels"], backend_name="default", worker_id="w", listener=bell.listener(),
        backoff=IdleBackoff(0.01, 0.01), missed_wakeup=lambda: rings.append(1),
    )  # fmt: skip
    worker.rest()  # nothing rung: the rest ends by its timeout, and the next drain is a poll
    worker.run_task(None)
    worker.run_task(None)
    assert rings == [1], "a poll's drain rings once, not per task"
    bell.ring()
    worker.rest()  # woken: the others were woken too
    worker.run_task(None)
    assert rings == [1]
