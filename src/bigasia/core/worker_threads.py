"""The threads of `bigasia worker`: queues whose tasks spend their time waiting on the network
get threads of their own, so that their waits overlap.

A *lane* is a set of queues and the number of threads that work it. The default lane holds
every queue not given threads of its own and has one thread, as the worker always had: it
runs what may be long or CPU-bound (a video transcode, feed polls, search indexing). A queue
of `threaded_queues()` gets a lane of its own: the channel deliveries (CHANNELS_WORKER_THREADS
threads), each of which is mostly a wait of 100-200 ms on a remote API. Threads rather than
more worker processes: a thread costs a database connection, a process a whole Django.

How each backend runs its lanes:

- The database queue (`run_database_lanes`): every lane's threads each run a RestingWorker
  (django-tasks-db's Worker) with the thread's own database connection, closed when the
  thread ends. The main thread receives the signals and listens on the queue's wake-up
  channel for the whole process (one LISTEN connection or socket, not one per thread); it
  passes each wake-up on to every thread through a `Doorbell`.
- The Redis queue: the default lane stays in the main thread, RQ's worker with its own signal
  handling and SIGALRM job deadline; the other lanes' threads each run a `ThreadWorker`
  (core/redis_tasks.py), started and stopped by `WorkerThreads`.

Stopping. A first SIGTERM or SIGINT stops every thread once its current task is done (an idle
one at once on the database queue, within THREAD_DEQUEUE_SECONDS on Redis); a second ends the
process at once, tasks and all, as django-tasks-db's and RQ's workers do. A thread whose
worker fails (the database restarting) logs it and starts a new worker a second later.
"""

import logging
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import FrameType
from typing import Protocol

from django.conf import settings
from django.db import connections

from .wakeup import Listener

logger = logging.getLogger(__name__)

RESTART_AFTER = 1.0  # seconds before a failed lane worker is started again
# On the database queue, an idle thread other than its lane's first polls this many times
# less often (its rest grows to this × WORKER_IDLE_POLL_MAX): polls are only the safety net
# of missed wake-ups, four more threads polling every 5 s took an idle worker from 0.55 % to
# 0.95 % of a core (bench/idle_cost), and the first thread rings the others as soon as one
# of its polls finds work.
LANE_MATES_REST = 6
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@dataclass(frozen=True)
class Lane:
    queues: tuple[str, ...]
    threads: int

    @property
    def name(self) -> str:
        return "+".join(self.queues)


def threaded_queues() -> dict[str, int]:
    """The queues that get threads of their own, and how many."""
    return {"channels": settings.CHANNELS_WORKER_THREADS}


def plan_lanes(queues: Iterable[str]) -> list[Lane]:
    """The default lane first (one thread, every queue without threads of its own, in the
    order given: RQ serves the first first), then a lane per queue of `threaded_queues()`
    that the backend has, unless given 0 threads."""
    names = list(dict.fromkeys(queues))
    own = {name: n for name, n in threaded_queues().items() if name in names and n > 0}
    default = Lane(tuple(name for name in names if name not in own), 1)
    return [default, *(Lane((name,), n) for name, n in own.items())]


class LaneWorker(Protocol):
    def run(self) -> None:
        """Work until asked to stop."""

    def stop_after_task(self) -> None:
        """Ask it, from another thread, to return once its current task (if any) is done."""


class WorkerThreads:
    """The threads of some lanes, each running a worker `make` builds for the lane and the
    thread's number in it (in that thread, so a worker may set up what belongs to its
    thread), all stopped together."""

    def __init__(self, lanes: list[Lane], make: Callable[[Lane, int], LaneWorker]) -> None:
        self.lanes = lanes
        self.make = make
        self.stopping = threading.Event()
        # Guards the set against a stop that comes while a thread builds its worker: that
        # worker is then never run, rather than run after the stop reached the others.
        self._lock = threading.Lock()
        self._running: set[LaneWorker] = set()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for lane in self.lanes:
            for n in range(lane.threads):
                # Daemon threads: a forced stop (the second signal) ends the process with
                # them, in the middle of their tasks, as it ends a worker of one thread.
                thread = threading.Thread(
                    target=self._work, args=(lane, n), name=f"tasks:{lane.name}:{n}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        logger.info("worker threads: %s", ", ".join(f"{x.name} ×{x.threads}" for x in self.lanes))

    def stop(self) -> None:
        """Callable from any thread, more than once."""
        with self._lock:
            self.stopping.set()
            workers = list(self._running)
        for worker in workers:
            worker.stop_after_task()

    def join(self) -> None:
        for thread in self._threads:
            thread.join()

    def _work(self, lane: Lane, n: int) -> None:
        name = threading.current_thread().name
        try:
            while True:
                try:
                    self._run_worker(lane, n)
                except Exception:
                    logger.exception("worker thread %s failed", name)
                if self.stopping.wait(RESTART_AFTER):
                    return
                logger.warning("worker thread %s: starting a new worker", name)
        finally:
            connections.close_all()  # this thread's own, as a request's end closes its own

    def _run_worker(self, lane: Lane, n: int) -> None:
        worker = self.make(lane, n)
        with self._lock:
            if self.stopping.is_set():
                return
            self._running.add(worker)
        try:
            worker.run()
        finally:
            with self._lock:
                self._running.discard(worker)


class Doorbell:
    """Wake-ups fanned out to the threads of one process. Each thread's `listener()` counts
    the rings since its last wait, as a wake-up channel's listener counts pokes; `close`
    ends every wait, now and later (the process is stopping)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._rings = 0
        self._closed = False

    def ring(self) -> None:
        with self._condition:
            self._rings += 1
            self._condition.notify_all()

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def listener(self) -> Listener:
        return _BellListener(self)


class _BellListener(Listener):
    def __init__(self, bell: Doorbell) -> None:
        self.bell = bell
        self.seen = bell._rings

    def wait(self, timeout: float) -> bool:
        bell = self.bell
        with bell._condition:
            bell._condition.wait_for(lambda: bell._closed or bell._rings != self.seen, timeout)
            rung = bell._rings != self.seen
            self.seen = bell._rings
        return rung

    def close(self) -> None:
        pass  # nothing of its own: the doorbell belongs to the process


class _Stop(BaseException):
    """Raised by the first stop signal in the main thread to end its wait on the wake-up
    channel (a BaseException: no handler of a listener's errors may swallow it)."""


def run_database_lanes(
    threads: WorkerThreads, bell: Doorbell, listener: Listener | None, longest_wait: float
) -> None:
    """Run the threads; meanwhile pass every wake-up of `listener` on to them, until a stop
    signal (or, under the reloader, which owns the signals, until the process ends)."""
    threads.start()
    try:
        if threading.current_thread() is threading.main_thread():
            _handle_stop_signals(threads, bell)
        while not threads.stopping.is_set():
            if listener is None:
                threads.stopping.wait(longest_wait)
            elif listener.wait(longest_wait):
                bell.ring()
    except _Stop:
        pass
    finally:
        threads.stop()
        bell.close()  # the resting threads wake and see the stop
        threads.join()


def _handle_stop_signals(threads: WorkerThreads, bell: Doorbell) -> None:
    def handle(signum: int, frame: FrameType | None) -> None:
        name = signal.strsignal(signum)
        if threads.stopping.is_set():
            logger.warning("%s again: stopping now, with the running tasks unfinished", name)
            for stop_signal in STOP_SIGNALS:
                signal.signal(stop_signal, signal.SIG_DFL)
            raise SystemExit(1)
        logger.warning("%s: stopping once the running tasks are done (again to force)", name)
        threads.stop()
        bell.close()
        raise _Stop

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, handle)
