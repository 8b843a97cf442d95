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
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
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

    def url(self, name: str, **kwargs) -> str:
        """The address of the page ``name`` (a namespaced URL name) of the world's initiative."""
        return reverse(name, kwargs={"slug": self.initiative.slug, **kwargs})


def _dimension(initiative, code, name, order, reference, other):
    """A dimension with two categories, each ``(code, name)``: the reference group first."""
    dimension = DimensionFactory(initiative=initiative, code=code, name=name, order=order)
    (reference_code, reference_name), (other_code, other_name) = reference, other
    CategoryFactory(
        dimension=dimension, code=reference_code, name=reference_name, is_reference=True, order=1
    )
    CategoryFactory(dimension=dimension, code=other_code, name=other_name, order=2)
    return dimension


def _reading(initiative, *dimensions):
    """The reading indicator, broken down by ``dimensions``, with its cells ready for data."""
    indicator = IndicatorFactory(initiative=initiative, code="read3", name="Reading")
    indicator.dimensions.set(dimensions)
    measurement_services.indicator_cells_create(indicator=indicator)
    return indicator


@pytest.fixture
def world(db) -> World:
    initiative = InitiativeFactory(slug="river", name="River City")
    org_a = OrganizationFactory(code="org-a", name="North School")
    org_b = OrganizationFactory(code="org-b", name="South Clinic")
    PartnershipFactory(initiative=initiative, organization=org_a)
    PartnershipFactory(initiative=initiative, organization=org_b)
    gender = _dimension(initiative, "gender", "Gender", 1, ("f", "Female"), ("m", "Male"))
    sector = _dimension(initiative, "sector", "Sector", 2, ("arab", "Arab"), ("jewish", "Jewish"))
    indicator = _reading(initiative, gender, sector)
    period = ReportingPeriodFactory(initiative=initiative, code="2024-Q1")
    return World(initiative, org_a, org_b, gender, sector, indicator, period)


def _member(initiative, role: Role, organization=None):
    user = UserFactory()
    MembershipFactory(user=user, initiative=initiative, role=role, organization=organization)
    return user


def _persona(role: Role, organization: str | None = None, doc: str = ""):
    """A fixture: a new member of the world's initiative in ``role``, for the world's
    ``organization`` (``"org_a"``) if one is named."""

    def member(world):
        return _member(world.initiative, role, organization and getattr(world, organization))

    member.__doc__ = doc
    return pytest.fixture(member)


backbone_admin = _persona(Role.BACKBONE_ADMIN)
backbone_staff = _persona(Role.BACKBONE_STAFF)
partner_a = _persona(Role.PARTNER_EDITOR, "org_a", "Partner editor of organization A.")
partner_b = _persona(Role.PARTNER_EDITOR, "org_b", "Partner editor of organization B.")
partner_viewer = _persona(Role.PARTNER_VIEWER, "org_a")
funder = _persona(Role.FUNDER)
community_member = _persona(Role.COMMUNITY_MEMBER)


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
# One member in each role: partner B is a second partner editor, the outsider no member.
EACH_ROLE = [name for name in PERSONAS if name not in ("partner_b", "outsider")]


def refused(*personas: str):
    """Parametrize a test over ``personas`` (as ``persona``, indirect) and the ``refusal`` each
    meets: a member without the right is denied, an outsider learns nothing exists."""
    return pytest.mark.parametrize(
        ("persona", "refusal"),
        [(name, Http404 if name == "outsider" else PermissionDenied) for name in personas],
        indirect=["persona"],
    )


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
    gender = _dimension(initiative, "gender", "Gender", 1, ("f", "Female"), ("m", "Male"))
    indicator = _reading(initiative, gender)
    period = ReportingPeriodFactory(initiative=initiative, code="2024-Q1")
    admin = _member(initiative, Role.BACKBONE_ADMIN)
    partner = _member(initiative, Role.PARTNER_EDITOR, world.org_a)
    return Neighbour(initiative, gender, indicator, period, admin, partner)
