"""Wake-ups for the PostgreSQL queue: LISTEN/NOTIFY, across hosts.

The enqueuing process runs NOTIFY in the transaction that inserts the task's row, and
PostgreSQL delivers it only when that transaction commits (never on rollback, and once for
many tasks of one transaction), so a woken worker always finds the row. Each worker holds
one extra connection for LISTEN, outside Django's connection handling; LISTEN does not work
through a pooler in transaction mode (PgBouncer), so such a worker polls only.
"""

import logging
import time

import psycopg
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from .base import Listener, WakeChannel

logger = logging.getLogger(__name__)

CHANNEL = "bigasia_task_enqueued"


class NotifyListener(Listener):
    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.wrapper: BaseDatabaseWrapper | None = None
        self._connect()

    def _connect(self) -> None:
        wrapper = connections.create_connection(self.alias)  # not the thread's own
        wrapper.ensure_connection()
        wrapper.connection.execute(f"LISTEN {CHANNEL}")
        self.wrapper = wrapper

    def wait(self, timeout: float) -> bool:
        try:
            if self.wrapper is None:
                self._connect()
            assert self.wrapper is not None
            raw = self.wrapper.connection
            poked = any(True for _ in raw.notifies(timeout=max(timeout, 0.0), stop_after=1))
            if poked:  # the rest of a burst of pokes is one reason to look
                for _ in raw.notifies(timeout=0):
                    pass
            return poked
        except (DatabaseError, psycopg.Error, OSError) as exc:
            # The database restarted or the connection broke: wait out the timeout (no busy
            # loop while it is down), then connect again at the next wait.
            logger.warning("task wake-ups lost their connection (%s); polling meanwhile", exc)
            self.close()
            time.sleep(max(timeout, 0.0))
            return False

    def close(self) -> None:
        if self.wrapper is not None:
            try:
                self.wrapper.close()
            except Exception:  # a broken connection may fail to close too
                logger.debug("closing the wake-up connection failed", exc_info=True)
            self.wrapper = None


class NotifyChannel(WakeChannel):
    def __init__(self, alias: str) -> None:
        self.alias = alias

    def listen(self) -> Listener:
        return NotifyListener(self.alias)

    def poke(self) -> None:
        connection = connections[self.alias]
        if connection.in_atomic_block:
            # PostgreSQL delivers a transaction's notifications at its commit, once: one
            # NOTIFY per transaction is enough (an archive import enqueues several tasks per
            # post). The mark of this transaction's poke is a commit hook, which Django drops
            # with the savepoint or transaction it was made in, as PostgreSQL drops the NOTIFY.
            if any(entry[1] is _poked for entry in connection.run_on_commit):
                return
            connection.on_commit(_poked)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])


def _poked() -> None:
    """The mark of a transaction that notified the workers already (see poke)."""
