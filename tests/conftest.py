"""Shared fixtures: a small initiative ("the world") and the personas of style.md — backbone
admin and staff, partner editors of two organizations, a partner viewer, a funder, a community
member and an outsider.

With REQUIRE_SERVICES=1 (CI) the run fails at once if PostgreSQL, Redis or Chromium is
missing; without it, tests that need them are skipped with a reason.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from accounts.choices import Role
from initiatives import services as initiative_services
from measurement import services as measurement_services
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    PartnershipFactory,
)
from tests.factories.measurement import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
)

CHROMIUM = "/usr/bin/chromium"

# Property tests run 40 examples by default; HYPOTHESIS_PROFILE=thorough runs 1,000.
settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_sessionstart(session):
    if not services_required():
        return
    problems = []
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point at PostgreSQL")
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        problems.append("CELERY_BROKER_URL must point at Redis")
    else:
        import redis

        try:
            redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).ping()
        except redis.RedisError as error:
            problems.append(f"Redis is not reachable: {error}")
    if not shutil.which(CHROMIUM):
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    if problems:
        pytest.exit("REQUIRE_SERVICES=1 but: " + "; ".join(problems), returncode=3)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: dashboards cache by ids that tests reuse."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    """A small initiative with two partner organizations, two dimensions and a rate
    indicator, ready for data entry."""

    initiative: object
    org_a: object
    org_b: object
    gender: object
    sector: object
    indicator: object
    period: object


@pytest.fixture
def world(db) -> World:
    initiative = InitiativeFactory(slug="river", name="River City")
    org_a = OrganizationFactory(code="org-a", name="North School")
    org_b = OrganizationFactory(code="org-b", name="South Clinic")
    PartnershipFactory(initiative=initiative, organization=org_a)
    PartnershipFactory(initiative=initiative, organization=org_b)
    gender = DimensionFactory(initiative=initiative, code="gender", name="Gender", order=1)
    CategoryFactory(dimension=gender, code="f", name="Female", is_reference=True, order=1)
    CategoryFactory(dimension=gender, code="m", name="Male", order=2)
    sector = DimensionFactory(initiative=initiative, code="sector", name="Sector", order=2)
    CategoryFactory(dimension=sector, code="arab", name="Arab", is_reference=True, order=1)
    CategoryFactory(dimension=sector, code="jewish", name="Jewish", order=2)
    indicator = IndicatorFactory(initiative=initiative, code="read3", name="Reading")
    indicator.dimensions.set([gender, sector])
    measurement_services.indicator_cells_create(indicator=indicator)
    period = ReportingPeriodFactory(initiative=initiative, code="2024-Q1")
    return World(initiative, org_a, org_b, gender, sector, indicator, period)


def _member(world: World, role: Role, organization=None, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    MembershipFactory(user=user, initiative=world.initiative, role=role, organization=organization)
    return user


@pytest.fixture
def backbone_admin(world):
    return _member(world, Role.BACKBONE_ADMIN)


@pytest.fixture
def backbone_staff(world):
    return _member(world, Role.BACKBONE_STAFF)


@pytest.fixture
def partner_a(world):
    """Partner editor of organization A."""
    return _member(world, Role.PARTNER_EDITOR, world.org_a)


@pytest.fixture
def partner_b(world):
    """Partner editor of organization B."""
    return _member(world, Role.PARTNER_EDITOR, world.org_b)


@pytest.fixture
def partner_viewer(world):
    return _member(world, Role.PARTNER_VIEWER, world.org_a)


@pytest.fixture
def funder(world):
    return _member(world, Role.FUNDER)


@pytest.fixture
def community_member(world):
    return _member(world, Role.COMMUNITY_MEMBER)


@pytest.fixture
def outsider(db):
    """Signed in, but a member of no initiative."""
    return UserFactory()


PERSONAS = [
    "backbone_admin",
    "backbone_staff",
    "partner_a",
    "partner_b",
    "partner_viewer",
    "funder",
    "community_member",
    "outsider",
]


@pytest.fixture
def token_for(world):
    """``token_for(user)``: a fresh API token of that user for the world's initiative."""

    def make(user, initiative=None):
        _token, key = initiative_services.api_token_create(
            actor=user, initiative=initiative or world.initiative, name="script"
        )
        return key

    return make


@pytest.fixture
def api(token_for):
    """``api(user)``: an API client authenticated with that user's token."""

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make


@pytest.fixture
def persona(request):
    """Resolve a persona by name, for tests parametrized over PERSONAS."""
    return request.getfixturevalue(request.param)


@dataclass
class Neighbour:
    """A second initiative of the same installation in which organization A also partners:
    organizations are shared between initiatives, everything else must not be. Its
    dimension, indicator and period reuse the world's codes, as real initiatives do."""

    initiative: object
    gender: object
    indicator: object
    period: object
    admin: object
    partner_a: object
    """Partner editor of organization A in this initiative only."""


@pytest.fixture
def neighbour(world) -> Neighbour:
    initiative = InitiativeFactory(slug="lake", name="Lake District")
    PartnershipFactory(initiative=initiative, organization=world.org_a)
    gender = DimensionFactory(initiative=initiative, code="gender", name="Gender", order=1)
    CategoryFactory(dimension=gender, code="f", name="Female", is_reference=True, order=1)
    CategoryFactory(dimension=gender, code="m", name="Male", order=2)
    indicator = IndicatorFactory(initiative=initiative, code="read3", name="Reading")
    indicator.dimensions.set([gender])
    measurement_services.indicator_cells_create(indicator=indicator)
    period = ReportingPeriodFactory(initiative=initiative, code="2024-Q1")
    admin = UserFactory()
    MembershipFactory(user=admin, initiative=initiative, role=Role.BACKBONE_ADMIN)
    partner = UserFactory()
    MembershipFactory(
        user=partner, initiative=initiative, role=Role.PARTNER_EDITOR, organization=world.org_a
    )
    return Neighbour(initiative, gender, indicator, period, admin, partner)
