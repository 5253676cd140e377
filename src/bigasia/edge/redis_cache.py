"""Django's Redis cache, keeping one client object per connection pool.

Django's client builds a new `redis.Redis` for every cache call; with redis-py 8 that
construction (about 170 response callbacks registered one by one) cost more than the round
trip itself — half of an edge-cache hit in the profile (docs/edge.md). The client is
thread-safe and only wraps the pool, so one per pool is enough. Django keeps one cache
object per thread, so nothing here is shared between threads that was not before.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient
