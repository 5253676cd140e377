"""The one way our code reaches Redis: shared clients, their timeouts, and what a fork does.

Every caller gets its connections here, with the timeouts of the settings
(REDIS_CONNECT_TIMEOUT, REDIS_SOCKET_TIMEOUT, REDIS_BEACON_SOCKET_TIMEOUT): a Redis that is
down or stops answering costs a caller those seconds, then an exception it knows how to
survive (docs/operations.md, "Redis down").

- `client(url)`: the pooled client of a process for one server (caches, counters, the send
  rate, purges); `pool(url)` is its pool, which the Django cache backend uses as well.
- `beacon_client(url)`: the same server with the shorter read timeout of the beacon path
  (an app process answering views must not wait long on Redis).
- `thread_connection(url)`: a raw connection of the calling thread's own, outside any pool,
  for code that packs and reads its own commands (the beacons' admission script).
- `subscription(url)`: a PubSub on a fresh connection without a read timeout, for a thread
  that waits on a channel for as long as the process lives.

Fork: an app server forks its workers after the parent may have used Redis. A child must
never write to its parent's sockets, and redis-py's own PID check can deadlock a child that
forked while another thread held the pool's lock. So a child forgets every pool and
connection made here (os.register_at_fork) and makes its own; the parent's sockets are left
open for the parent (redis-py closes only its descriptor in the child, never shuts it down).

The RQ task queue (bigasia/core/redis_tasks.py) is the exception: RQ's worker blocks on
Redis for minutes on end and sets up its own connection for that from RQ_QUEUES.
"""

import os
import threading

import redis
from django.conf import settings

_pools: dict[tuple[str, float], redis.ConnectionPool] = {}
_clients: dict[tuple[str, float], redis.Redis] = {}
_lock = threading.Lock()


class _ThreadConnections(threading.local):
    by_url: dict[str, redis.Connection]

    def __init__(self) -> None:
        self.by_url = {}


_thread_connections = _ThreadConnections()


def pool(url: str) -> redis.ConnectionPool:
    """This process's pool for the server at `url`, with the general timeouts."""
    return _pool(url, settings.REDIS_SOCKET_TIMEOUT)


def client(url: str) -> redis.Redis:
    """This process's client for the server at `url`, with the general timeouts."""
    return _client(url, settings.REDIS_SOCKET_TIMEOUT)


def beacon_client(url: str) -> redis.Redis:
    """The client of the beacon path: reads give up after REDIS_BEACON_SOCKET_TIMEOUT."""
    return _client(url, settings.REDIS_BEACON_SOCKET_TIMEOUT)


def thread_connection(url: str) -> redis.Connection:
    """A connection of this thread's own, with the beacon path's timeouts; not connected
    until first used. After an error the caller disconnects it, and it reconnects."""
    connection = _thread_connections.by_url.get(url)
    if connection is None:
        source = _pool(url, settings.REDIS_BEACON_SOCKET_TIMEOUT)
        connection = source.connection_class(**source.connection_kwargs)
        _thread_connections.by_url[url] = connection
    return connection


def subscription(url: str) -> redis.client.PubSub:
    """A PubSub on a connection of its own: no read timeout (the subscriber waits with
    `get_message(timeout=…)`), TCP keep-alive and a health check to notice a dead server."""
    subscriber = redis.Redis.from_url(
        url,
        socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
        socket_keepalive=True,
        health_check_interval=5,
    )
    return subscriber.pubsub()  # type: ignore[no-untyped-call,no-any-return]  # redis-py leaves pubsub() unannotated


def _pool(url: str, socket_timeout: float) -> redis.ConnectionPool:
    key = (url, socket_timeout)
    found = _pools.get(key)
    if found is None:
        with _lock:
            found = _pools.get(key)
            if found is None:
                found = _pools[key] = redis.ConnectionPool.from_url(
                    url,
                    socket_connect_timeout=settings.REDIS_CONNECT_TIMEOUT,
                    socket_timeout=socket_timeout,
                )
    return found


def _client(url: str, socket_timeout: float) -> redis.Redis:
    key = (url, socket_timeout)
    found = _clients.get(key)
    if found is None:
        found = _clients[key] = redis.Redis(connection_pool=_pool(url, socket_timeout))
    return found


def _forget_after_fork() -> None:
    global _lock, _thread_connections
    # Dropped, not closed: closing would disconnect the parent's sockets (the child shares
    # them); the objects' finalizers close only the child's descriptors.
    _pools.clear()
    _clients.clear()
    _lock = threading.Lock()  # the parent may have forked while another thread held it
    _thread_connections = _ThreadConnections()


os.register_at_fork(after_in_child=_forget_after_fork)
