"""An organization's collaborative-health ratings given on paper or by phone, entered by the
backbone for that organization: checked like ratings given online, without a respondent."""

import pytest
from django.core.exceptions import ValidationError

from conditions import services
from conditions.choices import Interaction
from conditions.models import PartnerRating
from initiatives.choices import AssessmentKind
from tests.conftest import refused
from tests.factories.conditions import AssessmentFactory
from tests.factories.initiatives import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_round(world):
    return AssessmentFactory(
        initiative=world.initiative, kind=AssessmentKind.COLLABORATIVE_HEALTH, open_days=(-60, -30)
    )


def _enter(actor, assessment, rater, rated, trust=3):
    """``actor`` enters what ``rater`` said: it works closely with ``rated``, trusts it
    ``trust`` and values it 4."""
    services.partner_ratings_enter(
        actor=actor,
        assessment=assessment,
        rater=rater,
        ratings=[{"rated": rated, "interaction": Interaction.CLOSE, "trust": trust, "value": 4}],
    )


def test_it_records_the_organizations_ratings_without_a_respondent(
    world, backbone_staff, health_round
):
    _enter(backbone_staff, health_round, world.org_a, world.org_b)
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
        _enter(backbone_staff, health_round, world.org_a, world.org_b, trust)
    assert list(PartnerRating.objects.values_list("trust", flat=True)) == [4]


def test_it_refuses_raters_and_rated_outside_the_network(world, backbone_staff, health_round):
    stranger = OrganizationFactory()
    for rater, rated in (
        (stranger, world.org_b),
        (world.org_a, stranger),
        (world.org_a, world.org_a),
    ):
        with pytest.raises(ValidationError):
            _enter(backbone_staff, health_round, rater, rated)
    assert not PartnerRating.objects.exists()


def test_it_refuses_rounds_of_other_assessments(world, backbone_staff):
    five_conditions = AssessmentFactory(initiative=world.initiative)
    with pytest.raises(ValidationError):
        _enter(backbone_staff, five_conditions, world.org_a, world.org_b)
    assert not PartnerRating.objects.exists()


@refused("partner_a", "funder", "outsider")
def test_it_refuses_everyone_but_the_backbone(world, persona, refusal, health_round):
    with pytest.raises(refusal):
        _enter(persona, health_round, world.org_a, world.org_b)
    assert not PartnerRating.objects.exists()
