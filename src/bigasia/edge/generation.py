"""The purge generation: a value that changes whenever anything is purged, cheap to read on
every cache hit, so a process can trust the pages it keeps in memory until it changes.

Two sources, read together:
- on one host, an 8-byte counter in a file under DATA_DIR that every process maps into
  memory (`mmap`): a purge increments it under a file lock, a hit reads 8 bytes;
- in scale-out, a Redis channel: a purge publishes on it, and a thread in each app process
  counts the messages it receives, so a purge on host A moves the generation on host B
  within the time Redis takes to deliver a message. While that thread is not subscribed
  (Redis down, reconnecting) the generation is unknown and memory is not trusted. A process
  does not count its own purges when they come back: the file counter, part of its own
  generation, moved with them already.

Hits only compare generations for equality, never order: a torn read of the file (a
concurrent increment) yields a value different from the old one, which merely costs one
revalidation.
"""

import fcntl
import logging
import mmap
import os
import struct
import threading
import time
import uuid
from functools import cache
from pathlib import Path

import redis
from django.conf import settings

from bigasia.core import redis as shared_redis

logger = logging.getLogger(__name__)

_SIZE = 8
# What Generation.current() returns: the file counter's bytes, then, in scale-out, the
# count of purge messages received.
Stamp = tuple[bytes] | tuple[bytes, int]
RECONNECT_PAUSE = 1.0


class FileCounter:
    """A counter shared by the processes of one host through a memory-mapped file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if os.fstat(self._fd).st_size < _SIZE:
            os.ftruncate(self._fd, _SIZE)
        self._map = mmap.mmap(self._fd, _SIZE)

    def read(self) -> bytes:
        return self._map[:_SIZE]

    def increment(self) -> None:
        # The lock serialises writers: two purges must both move the value, or a reader that
        # saw the first one's value could miss the second.
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            (value,) = struct.unpack("<Q", self._map[:_SIZE])
            self._map[:_SIZE] = struct.pack("<Q", (value + 1) % 2**64)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


class PurgeChannel:
    """Purges announced on a Redis channel; a daemon thread counts what arrives."""

    def __init__(self, url: str, channel: str) -> None:
        self.url = url
        self.channel = channel
        self._received = 0
        self._subscribed = False
        self._started = False
        self._lock = threading.Lock()
        self._sender = uuid.uuid4().bytes
        # A forked app-server worker has no listening thread of its own: start one there.
        os.register_at_fork(after_in_child=self._forget_thread)

    def _forget_thread(self) -> None:
        self._started = False
        self._subscribed = False
        self._lock = threading.Lock()
        self._sender = uuid.uuid4().bytes  # the parent's purges are not the child's own

    def publish(self) -> None:
        shared_redis.client(self.url).publish(self.channel, self._sender)

    def read(self) -> int | None:
        """Messages received so far, None while not subscribed (memory cannot be trusted)."""
        if not self._started:
            self._start()
        return self._received if self._subscribed else None

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            threading.Thread(target=self._listen_forever, name="edge-purges", daemon=True).start()

    def _listen_forever(self) -> None:
        while True:
            try:
                self._listen()
            except (redis.RedisError, OSError) as exc:
                logger.warning("edge: purge channel lost (%s); pages in memory not trusted", exc)
            self._subscribed = False
            self._received += 1  # whatever was published meanwhile is lost: start afresh
            time.sleep(RECONNECT_PAUSE)

    def _listen(self) -> None:
        with shared_redis.subscription(self.url) as pubsub:
            pubsub.subscribe(self.channel)
            while True:
                message = pubsub.get_message(timeout=5.0)
                # Its own purge coming back: counting it would also refuse to keep a page
                # whose render began after that purge but ended before its echo arrived.
                if message is None or message["data"] == self._sender:
                    continue
                # Every message moves the count, the subscription's confirmation too: memory
                # filled before a reconnect is revalidated once.
                self._received += 1
                if message["type"] == "subscribe":
                    self._subscribed = True


class Generation:
    """The purge generation of this installation (file counter, plus the channel in scale-out)."""

    def __init__(self, path: Path, redis_url: str | None, channel: str) -> None:
        self.file = FileCounter(path)
        self.channel = PurgeChannel(redis_url, channel) if redis_url else None

    def current(self) -> Stamp | None:
        """A value that changes on every purge; None when it cannot be known."""
        if self.channel is None:
            return (self.file.read(),)
        received = self.channel.read()
        return None if received is None else (self.file.read(), received)

    def advance(self) -> None:
        """Called after a purge reached the shared store."""
        self.file.increment()
        if self.channel is not None:
            self.channel.publish()


@cache
def generation() -> Generation:
    prefix = settings.CACHES["edge"].get("KEY_PREFIX", "")
    return Generation(
        Path(settings.DATA_DIR) / "edge-generation",
        settings.EDGE_REDIS_URL or None,  # purges travel where the pages are
        f"{prefix}:edge:purges",
    )
