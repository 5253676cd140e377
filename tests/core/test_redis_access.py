"""Redis through one access point (bigasia.core.redis): one client per server and process,
shared by the cache; a forked child makes connections of its own and leaves its parent's
alone; a Redis that refuses, never connects or never answers fails within the configured
timeouts. Against a real Redis: REDIS_URL's in the scale-out pass, else one of the test's own."""

import json
import os
import socket
import struct
import threading
import time

import pytest
import redis
from django.core.cache import caches

from bigasia.core import redis as shared_redis
from tests.readership.servers import OwnRedis
from tests.scratch import free_port, wait_until

# What "fast" means on a shared, busy machine: the timeout plus this much scheduling slack.
SLACK = 0.4


@pytest.fixture
def redis_url():
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = OwnRedis()
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def short_timeouts(settings):
    settings.REDIS_CONNECT_TIMEOUT = 0.3
    settings.REDIS_SOCKET_TIMEOUT = 0.6
    settings.REDIS_BEACON_SOCKET_TIMEOUT = 0.3
    return settings


class SilentServer:
    """A TCP port that takes connections and never answers (a hung Redis)."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.socket.getsockname()[1]}/0"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.socket.close()
        for connection in self.held:
            connection.close()


class FullBacklog:
    """A port whose accept queue is full: the kernel drops new SYNs, so a connect hangs
    (a Redis host that vanished from the network)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(0)
        port = self.socket.getsockname()[1]
        self.url = f"redis://127.0.0.1:{port}/0"
        self.filler = socket.create_connection(("127.0.0.1", port), timeout=1)
        # The filler's connect returns before the kernel has queued it on the listening side;
        # a SYN arriving in between would still be accepted, and the connect would not hang.
        assert wait_until(lambda: self._queued() >= 1, timeout=5, every=0.01)

    def _queued(self) -> int:
        # For a listening socket Linux reports its accept queue's length as tcpi_unacked.
        info = self.socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
        return struct.unpack_from("I", info, 24)[0]

    def close(self) -> None:
        self.filler.close()
        self.socket.close()


def _fails_within(call, limit: float) -> tuple[type[BaseException], float]:
    start = time.monotonic()
    with pytest.raises(redis.RedisError) as failure:
        call()
    took = time.monotonic() - start
    assert took < limit, f"{failure.type.__name__} after {took:.2f}s, limit {limit:.2f}s"
    return failure.type, took


def test_one_client_per_server_is_shared_by_the_cache(redis_url, settings):
    client = shared_redis.client(redis_url)
    assert shared_redis.client(redis_url) is client
    assert client.connection_pool is shared_redis.pool(redis_url)
    settings.CACHES = {
        "default": {"BACKEND": "bigasia.edge.redis_cache.RedisCache", "LOCATION": redis_url}
    }
    assert caches["default"]._cache.get_client(write=True) is client
    # The beacon path reaches the same server, giving up on reads sooner.
    beacon = shared_redis.beacon_client(redis_url)
    assert beacon is not client
    assert beacon.connection_pool.connection_kwargs["socket_timeout"] == 1.0
    assert beacon.client_id() != client.client_id()


def test_a_forked_child_makes_its_own_connections(redis_url):
    parent = shared_redis.client(redis_url)
    parent_id = parent.client_id()
    raw = shared_redis.thread_connection(redis_url)
    raw.send_command("CLIENT", "ID")
    raw_id = raw.read_response()
    readable, writable = os.pipe()
    child_pid = os.fork()
    if child_pid == 0:  # the child: report, then leave without running pytest's exit
        try:
            child = shared_redis.client(redis_url)
            child_raw = shared_redis.thread_connection(redis_url)
            child_raw.send_command("CLIENT", "ID")
            report = {
                "same_client": child is parent,
                "same_raw": child_raw is raw,
                "ids": [child.client_id(), child_raw.read_response()],
            }
            os.write(writable, json.dumps(report).encode())
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable) as answer:
        report = json.loads(answer.read())
    os.waitpid(child_pid, 0)
    assert report["same_client"] is False and report["same_raw"] is False
    assert not {parent_id, raw_id} & set(report["ids"])
    # The child's exit closed nothing of the parent's: same connections, still answering.
    assert parent.client_id() == parent_id
    raw.send_command("CLIENT", "ID")
    assert raw.read_response() == raw_id


def test_a_refused_connection_fails_at_once(short_timeouts):
    url = f"redis://127.0.0.1:{free_port()}/0"
    failure, _ = _fails_within(shared_redis.client(url).ping, 0.3)
    assert issubclass(failure, redis.ConnectionError)


def test_a_connect_that_hangs_gives_up_after_the_connect_timeout(short_timeouts):
    server = FullBacklog()
    try:
        _, took = _fails_within(shared_redis.client(server.url).ping, 0.3 + SLACK)
        assert took >= 0.3
        connection = shared_redis.thread_connection(server.url)
        _, took = _fails_within(connection.connect, 0.3 + SLACK)
        assert took >= 0.3
    finally:
        server.close()


def test_a_redis_that_never_answers_fails_after_the_read_timeout_of_its_path(short_timeouts):
    server = SilentServer()
    try:
        failure, took = _fails_within(shared_redis.client(server.url).ping, 0.6 + SLACK)
        assert issubclass(failure, redis.TimeoutError) and took >= 0.6
        failure, took = _fails_within(shared_redis.beacon_client(server.url).ping, 0.3 + SLACK)
        assert issubclass(failure, redis.TimeoutError) and took >= 0.3
    finally:
        server.close()
