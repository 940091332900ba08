"""Rate limits: a token bucket per caller, in the server's memory.

Each key (an API token, a signed-in user, a sign-in address, a client address) may make
``per_minute`` requests in a burst and then one every ``60 / per_minute`` seconds. The buckets
live in one process: behind several worker processes each holds its own, so the limit a client
meets is that many times higher.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter"]

#: Past this many keys, the buckets that have filled up again are forgotten.
_PRUNE_AT = 10_000


class RateLimiter:
    """``per_minute`` requests per key, as a token bucket; ``clock`` is for tests."""

    def __init__(self, per_minute: float, *, clock: Callable[[], float] = time.monotonic,
                 ) -> None:
        if per_minute <= 0:
            raise ValueError(f"per_minute must be positive, got {per_minute}")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one request of ``key``: 0 when allowed, else the seconds until it would be."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > _PRUNE_AT:
                self._prune(now)
            return 0.0

    def _prune(self, now: float) -> None:
        full = [k for k, (tokens, then) in self._buckets.items()
                if tokens + (now - then) * self.rate >= self.capacity]
        for key in full:
            del self._buckets[key]
