"""The in-process view buffer and its flusher.

Beacons add to a Counter in memory, or, when Redis judges them (admission.py), to a queue of
candidates that each flush first sends to Redis; a daemon thread hands the Counter to the
counter store every READERSHIP_FLUSH_EVERY seconds, or sooner once
READERSHIP_FLUSH_MAX_VIEWS views or a script call's worth of candidates are waiting. At
shutdown (atexit, and SIGTERM where nothing else handles it) the rest is flushed, so SIGTERM
loses nothing and SIGKILL loses at most the views of the last flush interval. If the store
is unreachable (Redis or the database down) the batch goes back into the buffer and is
retried at the next flush.
"""

import atexit
import logging
import multiprocessing.util
import os
import signal
import threading
import time
from collections import Counter
from types import FrameType

from django.conf import settings
from django.db import close_old_connections

from bigasia.core import metrics

from .admission import SCRIPT_BATCH, Candidate, admit
from .stores import Batch, BatchKey, CounterStore, get_store

logger = logging.getLogger(__name__)


class ViewBuffer:
    def __init__(self, store: CounterStore | None = None) -> None:
        self._store = store  # None: the configured store (get_store)
        self._counts: Batch = Counter()
        self._candidates: list[Candidate] = []
        self._size = 0  # views and candidates waiting
        self._lock = threading.Lock()  # guards _counts/_candidates/_size: microseconds
        self._flush_lock = threading.Lock()  # one flush at a time, so shutdown waits for it
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._thread_pid: int | None = None
        self._store_down = False  # the last flush put its batch back
        self._oldest_at: float | None = None  # when the oldest waiting view arrived

    def add(self, key: BatchKey, views: int = 1) -> None:
        with self._lock:
            self._counts[key] += views
            self._size += views
            self._oldest_at = self._oldest_at or time.monotonic()
            full = self._size >= settings.READERSHIP_FLUSH_MAX_VIEWS
        self._ensure_flusher()
        if full:
            self._wake.set()

    def add_candidate(self, candidate: Candidate) -> None:
        with self._lock:
            self._candidates.append(candidate)
            self._size += 1
            self._oldest_at = self._oldest_at or time.monotonic()
            # A script call's worth is enough: smaller flushes hold the interpreter lock for
            # a few milliseconds at a time, not tens (beacon p99).
            full = len(self._candidates) >= SCRIPT_BATCH
        self._ensure_flusher()
        if full:
            self._wake.set()

    def pending(self) -> int:
        with self._lock:
            return self._size

    def flush_lag(self) -> float:
        """Seconds the oldest waiting view has waited (0 when nothing waits)."""
        oldest = self._oldest_at
        return time.monotonic() - oldest if oldest is not None else 0.0

    def flush(self) -> int:
        """Write what is buffered; returns the views written (0 if the store is down)."""
        with self._flush_lock:
            with self._lock:
                batch, self._counts, self._size = self._counts, Counter(), 0
                candidates, self._candidates = self._candidates, []
                oldest, self._oldest_at = self._oldest_at, None
            if candidates:
                admitted = admit(candidates)
                metrics.BEACONS_REJECTED_AT_FLUSH.inc(len(candidates) - len(admitted))
                batch.update(admitted)
            if not batch:
                return 0
            store = self._store or get_store()
            try:
                store.write(batch)
                self._store_down = False
            except store.transient_errors as exc:
                self._store_down = True
                self._put_back(batch, oldest)
                logger.warning("readership store unavailable, %s views kept: %s", len(batch), exc)
                return 0
            return sum(batch.values())

    def _put_back(self, batch: Batch, oldest: float | None) -> None:
        with self._lock:
            self._counts.update(batch)
            self._size += sum(batch.values())
            self._oldest_at = min(filter(None, (oldest, self._oldest_at)), default=None)

    def _ensure_flusher(self) -> None:
        # After a fork (gunicorn workers) the parent's thread does not exist in the child.
        if self._thread_pid == os.getpid() or not settings.READERSHIP_BACKGROUND_FLUSH:
            return
        with self._lock:
            if self._thread_pid == os.getpid():
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="readership-flush", daemon=True)
            self._thread_pid = os.getpid()
            self._thread.start()
            _flush_when_worker_exits()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(settings.READERSHIP_FLUSH_EVERY)
            self._wake.clear()
            close_old_connections()  # this thread's own connection: drop it if it went bad
            metrics.VIEW_FLUSH_LAG.set(self.flush_lag())  # before: a store down shows here
            self.flush()
            if self._store_down:
                time.sleep(0.05)  # do not spin while retrying

    def shutdown(self) -> None:
        """Stop the flusher and write everything that is left (waits for a flush under way)."""
        self._stop.set()
        self._wake.set()
        self.flush()


view_buffer = ViewBuffer()


def _flush_at_exit() -> None:
    if view_buffer.pending():
        view_buffer.shutdown()
        logger.info("readership: flushed at exit")


def _flush_then_terminate(signum: int, frame: FrameType | None) -> None:
    view_buffer.shutdown()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _flush_when_worker_exits() -> None:
    """Worker processes started by `multiprocessing` (granian's) end with os._exit and never
    run atexit; they do run multiprocessing's finalizers, registered here in the process
    that buffers. Elsewhere the finalizer runs at exit too, and the second flush is empty."""
    multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=100)


def install_shutdown_hooks() -> None:
    """atexit always; a SIGTERM handler only where SIGTERM would otherwise kill the process
    without running atexit (e.g. runserver). App servers with their own SIGTERM handling
    (gunicorn's graceful stop) exit normally and reach atexit; granian's worker processes
    reach the finalizer registered when their flusher starts."""
    atexit.register(_flush_at_exit)
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _flush_then_terminate)
