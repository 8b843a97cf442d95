"""Schemathesis against the generated OpenAPI description, with every check it has
(configured in schemathesis.toml): every operation, called with generated (valid and
invalid) input by the tokens of three roles — backbone admin, partner editor, funder — on the
initiative their token finds, answers without a server error and as the description says.
Part of `make test`.

(Schemathesis's own pytest plugin does not run on pytest 9 yet, so each operation is a
parametrized test that drives schemathesis's Hypothesis strategy itself.)"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings

from initiatives import services
from tests.measurement.conftest import compute, report

OPERATIONS = sorted(
    (method.upper(), path)
    for path, methods in SchemaGenerator().get_schema(public=True)["paths"].items()
    for method in methods
)


ROLES = ["backbone_admin", "partner_a", "funder"]


@pytest.fixture(params=ROLES)
def described(request, world):
    """The described API of a small initiative with computed figures, read through WSGI,
    and a token to call it with."""
    report(
        world,
        world.org_a,
        world.period,
        {"gender=f;sector=arab": (12, 40), "gender=m;sector=arab": (3, 6)},
    )
    compute(world)
    caller = request.getfixturevalue(request.param)
    _token, key = services.api_token_create(
        actor=caller, initiative=world.initiative, name="schemathesis"
    )
    slug = _discovered_slug(key)  # before the signals change: the test client restores them
    # As Django's test client does: a finished request must not close the test's database
    # connection (and with it the transaction the test runs in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
        yield schema, key, slug
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _discovered_slug(key) -> str:
    """The initiative the token finds, as a client would: the first of GET /initiatives/."""
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/initiatives/")
    return answer.json()["results"][0]["slug"]


def test_every_operation_is_checked():
    assert len(OPERATIONS) >= 18


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_matches_its_description(described, method, path):
    schema, key, slug = described
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        if "slug" in (case.path_parameters or {}):
            case.path_parameters["slug"] = slug
        case.call_and_validate(headers={"Authorization": f"Bearer {key}"})

    check()
