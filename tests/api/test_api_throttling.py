"""Rate limits count clients by their address as core.client_ip tells it: a client that
writes a new X-Forwarded-For on each request is still one client."""

import pytest
from django.test import Client, override_settings
from rest_framework.settings import api_settings

from api.urls import urlpatterns
from core.client_ip import client_ip

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/docs/"  # open to anonymous callers, on the schema's own budget
SCHEMA = "/api/v1/schema/"


def _rates(schema: str, anon: str = "100000/hour"):
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": "100000/hour", "schema": schema},
        }
    )


def test_fetching_the_schema_does_not_spend_the_anonymous_budget():
    client = Client()
    with _rates(schema="100/hour", anon="1/hour"):
        statuses = [client.get(path).status_code for path in (SCHEMA, SCHEMA, DOCS, SCHEMA)]
    assert statuses == [200, 200, 200, 200]


def test_a_new_x_forwarded_for_on_each_request_does_not_escape_the_limit():
    client = Client()
    with _rates("60/hour"):
        statuses = [
            client.get(DOCS, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(61)
        ]
    assert statuses == [200] * 60 + [429]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_right_most_address_is_counted():
    client = Client()
    with _rates("3/hour"):
        statuses = [
            client.get(DOCS, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7").status_code
            for i in range(4)
        ]
        other = client.get(DOCS, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.8")
    assert statuses == [200, 200, 200, 429]
    assert other.status_code == 200


def _throttle_classes():
    classes = set(api_settings.DEFAULT_THROTTLE_CLASSES)
    for pattern in urlpatterns:
        view = getattr(pattern.callback, "view_class", None) or getattr(
            pattern.callback, "cls", None
        )
        classes.update(getattr(view, "throttle_classes", []))
    return sorted(classes, key=lambda c: c.__qualname__)


@pytest.mark.parametrize("proxies", [0, 1, 2])
@pytest.mark.parametrize("throttle", _throttle_classes(), ids=lambda c: c.__qualname__)
def test_every_throttle_counts_the_address_client_ip_gives(rf, throttle, proxies):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert throttle().get_ident(request) == client_ip(request)
