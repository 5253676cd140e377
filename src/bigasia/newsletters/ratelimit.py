"""The send rate, shared by every worker on every host.

A budget of NEWSLETTERS_RATE_PER_SECOND messages per one-second window lives in Redis
(scale-out) or in one database row (embedded). Workers take it in small chunks, so the
shared store is asked a few times a second rather than once per message.
"""

import time
from typing import Protocol

from django.conf import settings
from django.db.models import F

from bigasia.core import redis as shared_redis

from .models import SendWindow

LIMITER_NAME = "newsletters"
CHUNKS_PER_SECOND = 20


class Window(Protocol):
    def take(self, second: int, want: int) -> int:
        """How many of `want` messages the window `second` still grants (0 when full)."""


class RedisWindow:
    def __init__(self, url: str, rate: int) -> None:
        self.client = shared_redis.client(url)
        self.rate = rate
        self.prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', 'bigasia')}:nl-rate:"

    def take(self, second: int, want: int) -> int:
        key = f"{self.prefix}{second}"
        pipe = self.client.pipeline()
        pipe.incrby(key, want)
        pipe.expire(key, 10)
        used: int = pipe.execute()[0]  # INCRBY's reply
        return max(0, min(want, self.rate - (used - want)))


class DatabaseWindow:
    def __init__(self, rate: int) -> None:
        self.rate = rate
        SendWindow.objects.get_or_create(name=LIMITER_NAME)

    def take(self, second: int, want: int) -> int:
        rows = SendWindow.objects.filter(name=LIMITER_NAME)
        # Only the first worker into a new second resets the count (compare-and-set on the
        # window), so two workers cannot both start the second afresh and double the rate.
        rows.filter(window__lt=second).update(window=second, used=0)
        for size in (want, 1):
            if rows.filter(window=second, used__lte=self.rate - size).update(used=F("used") + size):
                return size
        return 0


class Throttle:
    """Per-process view of the shared budget: `wait()` returns when one message may go."""

    def __init__(self, window: Window | None, rate: int) -> None:
        self.window = window
        self.chunk = max(1, rate // CHUNKS_PER_SECOND)
        self.tokens = 0

    def wait(self) -> None:
        if self.window is None:
            return
        while self.tokens == 0:
            now = time.time()
            self.tokens = self.window.take(int(now), self.chunk)
            if self.tokens == 0:
                time.sleep(1 - (now % 1) + 0.001)
        self.tokens -= 1


def throttle() -> Throttle:
    rate = settings.NEWSLETTERS_RATE_PER_SECOND
    if rate == 0:
        return Throttle(None, 0)
    if settings.REDIS_URL:
        return Throttle(RedisWindow(settings.REDIS_URL, rate), rate)
    return Throttle(DatabaseWindow(rate), rate)
