"""Schemathesis against the generated OpenAPI description: every operation, called with
generated (valid and invalid) input by a backbone admin's token, answers without a server
error and with responses that match the description. Part of `make test`.

(Schemathesis's own pytest plugin does not run on pytest 9 yet, so each operation is a
parametrized test that drives schemathesis's Hypothesis strategy itself.)"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from initiatives import services
from tests.measurement.conftest import compute, report

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]
OPERATIONS = sorted(
    (method.upper(), path)
    for path, methods in SchemaGenerator().get_schema(public=True)["paths"].items()
    for method in methods
)


@pytest.fixture
def described(world, backbone_admin):
    """The described API of a small initiative with computed figures, read through WSGI,
    and a token to call it with."""
    report(
        world,
        world.org_a,
        world.period,
        {"gender=f;sector=arab": (12, 40), "gender=m;sector=arab": (3, 6)},
    )
    compute(world)
    _token, key = services.api_token_create(
        actor=backbone_admin, initiative=world.initiative, name="schemathesis"
    )
    # As Django's test client does: a finished request must not close the test's database
    # connection (and with it the transaction the test runs in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application()), key
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_is_checked():
    assert len(OPERATIONS) >= 18


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_matches_its_description(described, world, method, path):
    schema, key = described
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        if "slug" in (case.path_parameters or {}):
            case.path_parameters["slug"] = world.initiative.slug
        case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)

    check()
