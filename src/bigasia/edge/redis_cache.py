"""Django's Redis cache on the process's shared Redis client, with a local fallback.

Django's client builds a new `redis.Redis` for every cache call; with redis-py 8 that
construction (about 170 response callbacks registered one by one) cost more than the round
trip itself — half of an edge-cache hit in the profile (docs/edge.md). The client is
thread-safe and only wraps its pool, so every cache call takes the one client of
`bigasia.core.redis` for its server: its pool, timeouts (REDIS_CONNECT_TIMEOUT,
REDIS_SOCKET_TIMEOUT) and behaviour after a fork are those of every other Redis user. The
cache's pool OPTIONS are therefore not read.

When Redis cannot be reached, pages must keep serving (docs/operations.md): every cache call
then goes to this process's own memory for `OUTAGE_RETRY_SECONDS`, after which Redis is
tried again. Callers see a cache that forgets more, never an exception: the edge and fragment
caches miss and render, rate limits and de-duplication hold per process.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from bigasia.core import redis as shared_redis

logger = logging.getLogger(__name__)

# A refused connection fails at once, but a host that vanished would cost every call the
# connect timeout: after a failure, skip Redis for this long.
OUTAGE_RETRY_SECONDS = 1.0
_UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)
_Params = ParamSpec("_Params")
_Answer = TypeVar("_Answer")


class _SharedClient(RedisCacheClient):
    def get_client(self, key: object = None, *, write: bool = False) -> redis.Redis:
        # Django's RedisCacheClient keeps these private; django-stubs does not list them.
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        return shared_redis.client(self._servers[index])  # type: ignore[attr-defined]


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _SharedClient
        # Named by server and prefix, so every thread's cache object (Django keeps one per
        # thread) shares one store: LocMemCache keeps its data per name, per process.
        name = f"redis-fallback:{server}:{params.get('KEY_PREFIX', '')}"
        self._fallback = LocMemCache(name, {"OPTIONS": {"MAX_ENTRIES": 5000}})
        self._retry_at = 0.0

    def _either(
        self,
        on_redis: Callable[_Params, _Answer],
        in_memory: Callable[_Params, _Answer],
        *args: _Params.args,
        **kwargs: _Params.kwargs,
    ) -> _Answer:
        if time.monotonic() >= self._retry_at:
            try:
                answer = on_redis(*args, **kwargs)
            except _UNREACHABLE as exc:
                logger.warning("cache: Redis unreachable (%s); using this process's memory", exc)
                self._retry_at = time.monotonic() + OUTAGE_RETRY_SECONDS
            else:
                if self._retry_at:
                    # Back from an outage: what was kept meanwhile missed the purges made
                    # in Redis since, and must not come back in the next outage.
                    self._retry_at = 0.0
                    self._fallback.clear()
                return answer
        return in_memory(*args, **kwargs)

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._either(super().add, self._fallback.add, key, value, timeout, version)

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._either(super().get, self._fallback.get, key, default, version)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        return self._either(super().set, self._fallback.set, key, value, timeout, version)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._either(super().touch, self._fallback.touch, key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._either(super().delete, self._fallback.delete, key, version)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._either(super().get_many, self._fallback.get_many, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._either(super().has_key, self._fallback.has_key, key, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._either(super().incr, self._fallback.incr, key, delta, version)

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._either(super().set_many, self._fallback.set_many, data, timeout, version)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        return self._either(super().delete_many, self._fallback.delete_many, keys, version)

    def clear(self) -> None:
        return self._either(super().clear, self._fallback.clear)
