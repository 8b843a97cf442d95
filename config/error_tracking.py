"""Optional error tracking with Sentry, started by the settings only when ``SENTRY_DSN`` is set.

Unexpected errors of pages, the API and Celery tasks reach Sentry tagged with the request's id
(the one its client was given). No personal data: Sentry's default of not sending cookies,
user details or request bodies is kept, because Yachad's requests carry partners' unpublished
values and community members' personal data."""

import importlib
from typing import Any

from core import request_id


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    current = request_id.get()
    if current:
        event.setdefault("tags", {})["request_id"] = current
    return event


def error_tracking_start(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    sentry_sdk = importlib.import_module("sentry_sdk")
    django = importlib.import_module("sentry_sdk.integrations.django")
    celery = importlib.import_module("sentry_sdk.integrations.celery")
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        integrations=[django.DjangoIntegration(), celery.CeleryIntegration()],
        before_send=_tag_request_id,
    )
