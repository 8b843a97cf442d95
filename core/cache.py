"""A Redis cache that a Redis outage cannot turn into errors.

Every page and the API read the cache (dashboards, the notice count in the header, rate
limits). Django's ``RedisCache`` raises when Redis is unreachable, so an outage of a cache —
data that can always be recomputed — answered every request with a 500. Here every operation
that fails reads as a miss and writes are dropped: pages are served uncached, and slower, until
Redis is back. One warning is logged when an outage starts and one line when it ends.

After a failure Redis is left alone for ``RETRY_SECONDS``, so a server that does not answer
(rather than refusing at once) costs one timeout per few seconds, not one per cache call.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class _Outage:
    """Whether the cache is failing, shared by the threads of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False

    def skipping(self) -> bool:
        return time.monotonic() < self._down_until

    def failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_SECONDS
            started, self._down = not self._down, True
        if started:
            logger.warning(
                "The cache is unreachable (%s: %s: %s); serving without it until it is back.",
                operation,
                type(error).__name__,
                error,
            )

    def succeeded(self) -> None:
        if self._down:
            with self._lock:
                ended, self._down = self._down, False
            if ended:
                logger.warning("The cache is reachable again.")

    @property
    def down(self) -> bool:
        return self._down


class ForgivingRedisCache(RedisCache):
    """``RedisCache`` whose failures are misses: ``get`` gives the default, writes return
    False, ``incr`` raises ``ValueError`` as for a missing key, ``get_or_set`` computes."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = _Outage()

    def _try(self, operation: str, call, fallback):
        if self.outage.skipping():
            return fallback()
        try:
            result = call()
        except Exception as error:  # any failure of the cache is an outage
            self.outage.failed(operation, error)
            return fallback()
        self.outage.succeeded()
        return result

    def get(self, key, default=None, version=None):
        return self._try(
            "get", lambda: RedisCache.get(self, key, default, version), lambda: default
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "add", lambda: RedisCache.add(self, key, value, timeout, version=version), lambda: False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(
            "set", lambda: RedisCache.set(self, key, value, timeout, version=version), lambda: None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "touch", lambda: RedisCache.touch(self, key, timeout, version=version), lambda: False
        )

    def delete(self, key, version=None):
        return self._try("delete", lambda: RedisCache.delete(self, key, version), lambda: False)

    def get_many(self, keys, version=None):
        return self._try("get_many", lambda: RedisCache.get_many(self, keys, version), dict)

    def has_key(self, key, version=None):
        return self._try("has_key", lambda: RedisCache.has_key(self, key, version), lambda: False)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")

        return self._try("incr", lambda: RedisCache.incr(self, key, delta, version), missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "set_many",
            lambda: RedisCache.set_many(self, data, timeout, version=version),
            lambda: list(data),
        )

    def delete_many(self, keys, version=None):
        self._try("delete_many", lambda: RedisCache.delete_many(self, keys, version), lambda: None)

    def clear(self):
        return self._try("clear", lambda: RedisCache.clear(self), lambda: False)


def cache_is_down() -> bool:
    """Whether the default cache failed recently (always False for an in-process cache)."""
    outage = getattr(cache, "outage", None)
    return bool(outage and outage.down)
