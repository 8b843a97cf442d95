"""Every API address answers every HTTP method without a server error: undeclared methods get
405 with an ``Allow`` header naming exactly the declared ones, in the API's JSON error shape,
before any permission is looked at. Unknown addresses answer 404 to every method. (HEAD
answers carry no body.)"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from api.urls import urlpatterns
from measurement.models import ComputationRun
from tests.factories.measurement import SubmissionFactory

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "HEAD"]
READ = {"GET", "HEAD", "OPTIONS"}

# What each operation declares; a new address must be added here (checked below).
DECLARED = {
    "schema": READ,
    "docs": {"GET", "HEAD"},  # an HTML page: nothing to describe with OPTIONS
    "initiative-list": READ,
    "initiative-detail": READ,
    "result-list": READ,
    "organization-list": READ,
    "dimension-list": READ,
    "indicator-list": READ,
    "indicator-detail": READ,
    "period-list": READ,
    "values": {"POST", "OPTIONS"},
    "submission-list": READ | {"POST"},
    "submission-detail": READ | {"PATCH"},
    "submission-submit": {"POST", "OPTIONS"},
    "submission-approve": {"POST", "OPTIONS"},
    "computed-result-list": READ,
    "computation-run-list": READ | {"POST"},
    "computation-run-detail": READ,
}
NAMED = [p for p in urlpatterns if isinstance(p, URLPattern) and p.name]
UNKNOWN = ["initiatives/river/no-such-thing/", "no-such-thing/", "initiatives/river/values/x/"]


def test_every_named_api_address_is_covered_here():
    assert {p.name for p in NAMED} == set(DECLARED)
    assert [p for p in urlpatterns if not p.name], "the catch-all for unknown addresses"


def _address(world, pattern: URLPattern) -> str:
    kwargs = {}
    for name in pattern.pattern.converters:
        if name == "slug":
            kwargs[name] = world.initiative.slug
        elif name == "code":
            kwargs[name] = world.indicator.code
        elif pattern.name.startswith("computation-run"):
            kwargs[name] = ComputationRun.objects.create(initiative=world.initiative).pk
        else:
            kwargs[name] = SubmissionFactory(
                initiative=world.initiative, organization=world.org_a, period=world.period
            ).pk
    return reverse(f"api:{pattern.name}", kwargs=kwargs)


def _client(token: str) -> Client:
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")


def _is_error_shape(response, status: int) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return body.get("error", {}).get("status") == status


@pytest.mark.parametrize("persona", ["partner_a", "funder"], indirect=True)
@pytest.mark.parametrize("pattern", NAMED, ids=lambda p: p.name)
def test_undeclared_methods_are_refused_with_405_and_allow(world, persona, token_for, pattern):
    client = _client(token_for(persona))
    address = _address(world, pattern)
    declared = DECLARED[pattern.name]
    problems = []
    for method in METHODS:
        response = client.generic(method, address)
        if response.status_code >= 500:
            problems.append(f"{method}: {response.status_code}")
        elif method not in declared:
            allowed = {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}
            if response.status_code != 405 or allowed != declared:
                problems.append(f"{method}: {response.status_code}, Allow {sorted(allowed)}")
            elif method != "HEAD" and not _is_error_shape(response, 405):
                problems.append(f"{method}: 405 without the JSON error shape")
        elif response.status_code == 405:
            problems.append(f"{method}: declared but refused")
        elif (
            response.status_code >= 400
            and method != "HEAD"
            and not _is_error_shape(response, response.status_code)
        ):
            problems.append(f"{method}: {response.status_code} without the JSON error shape")
    assert problems == []


@pytest.mark.parametrize("path", UNKNOWN)
def test_unknown_addresses_answer_404_to_every_method(world, partner_a, token_for, path):
    client = _client(token_for(partner_a))
    for method in METHODS:
        response = client.generic(method, f"/api/v1/{path}")
        assert response.status_code == 404, method
        if method != "HEAD":
            assert response.json()["error"]["code"] == "not_found", method


def test_options_on_a_write_only_operation_describes_it(api, world, funder):
    response = api(funder).options(f"/api/v1/initiatives/{world.initiative.slug}/values/")
    assert response.status_code == 200
    assert response["Allow"] == "POST, OPTIONS"


def test_a_refused_method_is_refused_before_the_role_is_checked(api, world, funder):
    """A funder may not read submissions (403), but DELETE is no operation at all (405)."""
    response = api(funder).delete(f"/api/v1/initiatives/{world.initiative.slug}/submissions/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_an_operation_without_a_permission_for_its_method_does_not_load():
    from django.core.exceptions import ImproperlyConfigured

    from api.views import InitiativeView

    with pytest.raises(ImproperlyConfigured, match="POST"):

        class Unguarded(InitiativeView):
            def post(self, request, slug):
                raise AssertionError("never reached")
