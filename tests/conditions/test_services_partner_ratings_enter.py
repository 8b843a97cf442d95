"""An organization's collaborative-health ratings given on paper or by phone, entered by the
backbone for that organization: checked like ratings given online, without a respondent."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from conditions import services
from conditions.choices import Interaction
from conditions.models import PartnerRating
from initiatives.choices import AssessmentKind
from tests.factories.conditions import AssessmentFactory
from tests.factories.initiatives import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_round(world):
    return AssessmentFactory(
        initiative=world.initiative,
        kind=AssessmentKind.COLLABORATIVE_HEALTH,
        opens_on=timezone.localdate() - timedelta(days=60),
        closes_on=timezone.localdate() - timedelta(days=30),
    )


def _works_closely_with(organization, trust=3):
    return [{"rated": organization, "interaction": Interaction.CLOSE, "trust": trust, "value": 4}]


def test_it_records_the_organizations_ratings_without_a_respondent(
    world, backbone_staff, health_round
):
    services.partner_ratings_enter(
        actor=backbone_staff,
        assessment=health_round,
        rater=world.org_a,
        ratings=_works_closely_with(world.org_b),
    )
    rating = PartnerRating.objects.get()
    assert (rating.rater, rating.rated, rating.respondent, rating.trust) == (
        world.org_a,
        world.org_b,
        None,
        3,
    )


def test_entering_again_replaces_the_organizations_earlier_ratings(
    world, backbone_staff, health_round
):
    for trust in (1, 4):
        services.partner_ratings_enter(
            actor=backbone_staff,
            assessment=health_round,
            rater=world.org_a,
            ratings=_works_closely_with(world.org_b, trust),
        )
    assert list(PartnerRating.objects.values_list("trust", flat=True)) == [4]


def test_it_refuses_raters_and_rated_outside_the_network(world, backbone_staff, health_round):
    stranger = OrganizationFactory()
    for rater, rated in (
        (stranger, world.org_b),
        (world.org_a, stranger),
        (world.org_a, world.org_a),
    ):
        with pytest.raises(ValidationError):
            services.partner_ratings_enter(
                actor=backbone_staff,
                assessment=health_round,
                rater=rater,
                ratings=_works_closely_with(rated),
            )
    assert not PartnerRating.objects.exists()


def test_it_refuses_rounds_of_other_assessments(world, backbone_staff):
    five_conditions = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.partner_ratings_enter(
            actor=backbone_staff,
            assessment=five_conditions,
            rater=world.org_a,
            ratings=_works_closely_with(world.org_b),
        )
    assert not PartnerRating.objects.exists()


@pytest.mark.parametrize(
    ("persona", "refusal"),
    [("partner_a", PermissionDenied), ("funder", PermissionDenied), ("outsider", Http404)],
    indirect=["persona"],
)
def test_it_refuses_everyone_but_the_backbone(world, persona, refusal, health_round):
    with pytest.raises(refusal):
        services.partner_ratings_enter(
            actor=persona,
            assessment=health_round,
            rater=world.org_a,
            ratings=_works_closely_with(world.org_b),
        )
    assert not PartnerRating.objects.exists()
