"""The API's rate limits (docs/api.md, "Rate limits"), counted per client as
``core.client_ip`` tells it: X-Forwarded-For is believed only from TRUSTED_PROXY_COUNT
proxies. The rates are read from the settings at each request, not once at import.

While the shared cache is unreachable the counts are kept in each process's memory instead
(``core.cache``): the limits then hold per process — looser, never a 500 — and shared counting
resumes when the cache is back."""

import logging

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework import throttling
from rest_framework.settings import api_settings

from core.cache import cache_is_down
from core.client_ip import client_ip

logger = logging.getLogger(__name__)


class _CountsCache:
    """The shared cache, or this process's memory while the shared cache is down."""

    local = LocMemCache("api-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
    _counting_locally = False

    def _current(self):
        down = cache_is_down()
        if down != _CountsCache._counting_locally:
            _CountsCache._counting_locally = down
            if down:
                logger.warning("API rate limits are counted per process until the cache is back.")
        return self.local if down else cache

    def get(self, key, default=None):
        return self._current().get(key, default)

    def set(self, key, value, timeout=None):
        return self._current().set(key, value, timeout)


class ClientIpRates:
    cache = _CountsCache()

    def get_ident(self, request) -> str:
        return client_ip(request)

    @property
    def THROTTLE_RATES(self) -> dict:  # the name DRF reads
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonRateThrottle(ClientIpRates, throttling.AnonRateThrottle):
    """Requests without credentials, per client address."""


class UserRateThrottle(ClientIpRates, throttling.UserRateThrottle):
    """Requests of a signed-in user or token, per user (per address when anonymous)."""


class SchemaRateThrottle(ClientIpRates, throttling.SimpleRateThrottle):
    """The OpenAPI description and its docs page, per client address, on a budget of their own
    (``API_RATE_SCHEMA``): a CI job that regenerates its client from the schema neither spends
    the anonymous budget nor is stopped by it."""

    scope = "schema"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
