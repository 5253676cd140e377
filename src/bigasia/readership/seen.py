"""Readers already counted, shared by every app process of one host (the embedded mode).

Without Redis, the app server still runs several worker processes, and a replay may reach
another process than the first beacon: process memory cannot de-duplicate, and Django's
in-memory cache also forgets beyond a few hundred keys. So the embedded mode keeps the
reader hashes in a small SQLite file of its own under DATA_DIR (not the site's database, so
its write lock never waits on a flush or an editor's save). One statement per beacon
decides atomically between processes whether the reader is new in the window.
"""

import logging
import sqlite3
import threading
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

PRUNE_EVERY = 60.0  # seconds between clean-ups of expired hashes, per process


SETUP_SECONDS = 5.0


def _set_up(connection: sqlite3.Connection) -> None:
    # Processes that open a new file at once race to switch it to WAL, and SQLite answers
    # "database is locked" to the losers at once, without waiting out the busy timeout (a
    # CI run lost a process to it): retry until the timeout has really passed.
    deadline = time.monotonic() + SETUP_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    # Losing this file costs at most some double counts within 30 minutes, so it need not
    # survive a power cut: no fsync per beacon.
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, until REAL NOT NULL) WITHOUT ROWID"
    )


class HostSeenStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._next_prune = 0.0

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=SETUP_SECONDS, isolation_level=None)
            _set_up(connection)
            self._local.connection = connection
        return connection

    def add(self, key: str, timeout: int) -> bool:
        """True if the key was not seen in the last `timeout` seconds (and is now)."""
        now = time.time()
        connection = self._connection()
        # Insert, or renew an expired entry; an unexpired one makes the statement change
        # nothing. SQLite runs it under its write lock, so two processes never both win.
        cursor = connection.execute(
            "INSERT INTO seen (key, until) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
            " SET until = excluded.until WHERE seen.until <= ?",
            (key, now + timeout, now),
        )
        first = cursor.rowcount == 1
        if now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY
            connection.execute("DELETE FROM seen WHERE until <= ?", (now,))
        return first

    def clear(self) -> None:
        self._connection().execute("DELETE FROM seen")


_store: HostSeenStore | None = None


def host_seen() -> HostSeenStore:
    global _store
    path = Path(settings.DATA_DIR) / "readership-seen.sqlite3"
    if _store is None or _store.path != path:
        _store = HostSeenStore(path)
    return _store
