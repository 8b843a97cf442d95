"""The API's rate limits (docs/api.md, "Rate limits"), counted per client as
``core.client_ip`` tells it: X-Forwarded-For is believed only from TRUSTED_PROXY_COUNT
proxies. The rates are read from the settings at each request, not once at import."""

from rest_framework import throttling
from rest_framework.settings import api_settings

from core.client_ip import client_ip


class ClientIpRates:
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
