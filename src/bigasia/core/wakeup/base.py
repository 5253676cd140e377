"""What a wake-up channel is: the enqueuing process pokes, an idle worker waits to be poked.

A poke is a hint, never the only way work is found: a worker that misses one (it was busy,
starting, or on another host) still finds the task at its next poll, only later.
"""

from abc import ABC, abstractmethod


class Listener(ABC):
    """One worker's end of a channel, used by one thread."""

    @abstractmethod
    def wait(self, timeout: float) -> bool:
        """Block until poked or `timeout` seconds pass; True if poked (pokes since the last
        wait count, and are consumed)."""

    @abstractmethod
    def close(self) -> None: ...


class WakeChannel(ABC):
    @abstractmethod
    def poke(self) -> None:
        """Tell the waiting workers a task was enqueued. Called inside `enqueue`; it must
        be cheap and must not fail the caller's enqueue."""

    @abstractmethod
    def listen(self) -> Listener:
        """Start listening; raises OSError (or a database error) when the channel cannot be
        opened, and the worker then polls only."""
