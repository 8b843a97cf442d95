"""Commitments, shifting power and systems change: services, selectors and their rules."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from equity import selectors, services
from equity.choices import (
    CommitmentKind,
    CommitmentStatus,
    EngagementLevel,
    EquityStrategy,
    SeatType,
    SystemsCondition,
    SystemsStage,
)
from equity.models import Commitment, SystemsChangeEffort
from tests.factories.community import CommunityMemberFactory
from tests.factories.equity import (
    CommitmentFactory,
    DecisionBodyFactory,
    DecisionFactory,
    SystemsChangeEffortFactory,
)
from tests.factories.initiatives import InitiativeFactory
from tests.services import saved

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# ---- Commitments ----


def _record_commitment(world, actor, **fields):
    """A new commitment of the world's initiative: anti-racism training for the backbone staff,
    due in two months, unless ``fields`` say otherwise."""
    commitment_fields = {
        "strategy": EquityStrategy.LEADERSHIP,
        "kind": CommitmentKind.COMMITMENT,
        "title": "Backbone staff complete anti-racism training",
        "status": CommitmentStatus.PLANNED,
        "due_date": TODAY() + timedelta(days=60),
        **fields,
    }
    return saved(services.commitment_save, world, actor, commitment=None, fields=commitment_fields)


def test_backbone_records_a_commitment_with_an_owner(world, backbone_staff):
    commitment = _record_commitment(world, backbone_staff, owner=backbone_staff)
    assert commitment.owner == backbone_staff


def test_a_commitment_needs_a_date_but_a_practice_does_not(world, backbone_staff):
    with pytest.raises(ValidationError):
        _record_commitment(world, backbone_staff, due_date=None)
    practice = _record_commitment(
        world, backbone_staff, kind=CommitmentKind.PRACTICE, due_date=None
    )
    assert not practice.is_overdue


def test_an_owner_must_belong_to_the_initiative(world, backbone_staff, outsider):
    with pytest.raises(ValidationError):
        _record_commitment(world, backbone_staff, owner=outsider)


@pytest.mark.parametrize("persona", ["partner_a", "funder", "community_member"], indirect=True)
def test_only_the_backbone_records_commitments(world, persona):
    with pytest.raises(PermissionDenied):
        _record_commitment(world, persona)
    assert not Commitment.objects.exists()


def test_overdue_commitments_are_open_ones_past_their_date(world):
    overdue = CommitmentFactory(initiative=world.initiative, due_date=TODAY() - timedelta(days=1))
    CommitmentFactory(
        initiative=world.initiative,
        due_date=TODAY() - timedelta(days=9),
        status=CommitmentStatus.DONE,
    )
    CommitmentFactory(initiative=world.initiative, due_date=TODAY() + timedelta(days=9))
    assert selectors.overdue_commitments(user=None, initiative=world.initiative) == [overdue]
    accountability = selectors.accountability(initiative=world.initiative)
    assert (accountability.overdue, accountability.done, accountability.kept_share) == (1, 1, 0.5)


# ---- Shifting power ----


def test_decisions_made_with_the_community_over_the_past_year(world):
    body = DecisionBodyFactory(initiative=world.initiative)
    for level, money, days_ago in (
        (EngagementLevel.COLLABORATE, Decimal("400"), 10),
        (EngagementLevel.INFORM, Decimal("600"), 20),
        (EngagementLevel.DEFER, None, 30),
        (EngagementLevel.DEFER, Decimal("1000"), 500),  # more than a year ago
    ):
        DecisionFactory(
            initiative=world.initiative,
            body=body,
            engagement_level=level,
            resources=money,
            decided_on=TODAY() - timedelta(days=days_ago),
        )
    year = selectors.power_figures(initiative=world.initiative, since=selectors.year_ago())
    assert (year.shared, year.decisions) == (2, 3)
    assert year.money_shared_share == pytest.approx(0.4)
    everything = selectors.power_figures(initiative=world.initiative)
    assert everything.money_shared_share == pytest.approx(1400 / 2000)


def test_community_seats_over_time(world, new_body, backbone_staff):
    body = new_body(
        backbone_staff,
        name="Steering committee",
        kind="steering",
        seats=[
            {
                "seat_type": SeatType.PARTNER,
                "holder": "North School",
                "starts_on": TODAY() - timedelta(days=400),
            },
            {
                "seat_type": SeatType.COMMUNITY,
                "member": CommunityMemberFactory(initiative=world.initiative),
                "starts_on": TODAY() - timedelta(days=100),
            },
        ],
    )
    compositions = selectors.seats_over_time(initiative=world.initiative)
    assert compositions[0].by_type == {SeatType.PARTNER: 1}
    assert compositions[-1].on == TODAY()
    assert compositions[-1].share_of(SeatType.COMMUNITY) == 0.5
    assert body.seats.count() == 2


def test_a_seat_cannot_end_before_it_starts(world, new_body, backbone_staff):
    with pytest.raises(ValidationError):
        new_body(
            backbone_staff,
            name="Board",
            kind="steering",
            seats=[
                {
                    "seat_type": SeatType.FUNDER,
                    "starts_on": TODAY(),
                    "ends_on": TODAY() - timedelta(days=1),
                }
            ],
        )


def _record_decision(world, actor, body, **fields):
    """A new decision of ``body``, taken today, unless ``fields`` say otherwise."""
    decision_fields = {"body": body, "decided_on": TODAY(), **fields}
    return saved(services.decision_save, world, actor, decision=None, fields=decision_fields)


def test_a_decision_cannot_be_filed_under_another_initiatives_body(world, backbone_staff):
    elsewhere = DecisionBodyFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        _record_decision(
            world, backbone_staff, elsewhere, title="x", engagement_level=EngagementLevel.INFORM
        )


def test_a_decision_records_who_recorded_it(world, backbone_staff):
    body = DecisionBodyFactory(initiative=world.initiative)
    decision = _record_decision(
        world,
        backbone_staff,
        body,
        title="Fund two classes",
        resources=Decimal("480000"),
        engagement_level=EngagementLevel.COLLABORATE,
    )
    assert decision.recorded_by == backbone_staff
    assert decision.shares_power
    assert decision.iap2_label == "Collaborate"


# ---- Systems change ----


def _record_effort(world, actor, organization, **fields):
    """A new systems change effort led by ``organization``: families are called first, a change
    of practices under way, unless ``fields`` say otherwise."""
    effort_fields = {
        "organization": organization,
        "title": "Call families first",
        "conditions": [SystemsCondition.PRACTICES],
        "stage": SystemsStage.ACTING,
        "indicators": [],
        **fields,
    }
    return saved(services.effort_save, world, actor, effort=None, fields=effort_fields)


def test_partner_records_an_effort_their_organization_leads(world, partner_a):
    effort = _record_effort(world, partner_a, world.org_a, indicators=[world.indicator])
    assert list(effort.indicators.all()) == [world.indicator]


def test_partner_cannot_record_another_organizations_effort_or_a_shared_one(world, partner_a):
    for organization in (world.org_b, None):
        with pytest.raises(PermissionDenied):
            _record_effort(world, partner_a, organization)
    assert not SystemsChangeEffort.objects.exists()


def test_an_effort_names_at_least_one_of_the_six_conditions(world, backbone_staff):
    for conditions in ([], ["weather"]):
        with pytest.raises(ValidationError):
            _record_effort(world, backbone_staff, None, conditions=conditions)


def test_systems_matrix_counts_efforts_by_condition_and_stage(world):
    SystemsChangeEffortFactory(
        initiative=world.initiative, stage=SystemsStage.ACTING, conditions=["policies", "power"]
    )
    SystemsChangeEffortFactory(
        initiative=world.initiative, stage=SystemsStage.SUSTAINED, conditions=["policies"]
    )
    matrix = selectors.systems_matrix(initiative=world.initiative)
    rows = {row.condition: row for row in matrix["rows"]}
    stages = [stage.value for stage in matrix["stages"]]
    assert rows[SystemsCondition.POLICIES].total == 2
    assert rows[SystemsCondition.POLICIES].counts[stages.index("sustained")] == 1
    assert rows[SystemsCondition.POWER].level == "Relational (semi-explicit)"
    assert rows[SystemsCondition.MENTAL_MODELS].total == 0


def test_efforts_are_marked_editable_for_whoever_may_edit_them(world, partner_a):
    SystemsChangeEffortFactory(initiative=world.initiative, organization=world.org_a, title="A")
    SystemsChangeEffortFactory(initiative=world.initiative, organization=world.org_b, title="B")
    SystemsChangeEffortFactory(initiative=world.initiative, organization=None, title="C")
    editable = {
        e.title: e.editable
        for e in selectors.effort_list(user=partner_a, initiative=world.initiative)
    }
    assert editable == {"A": True, "B": False, "C": False}


def test_dashboard_reads_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    body = DecisionBodyFactory(initiative=world.initiative)
    for _index in range(10):
        DecisionFactory(initiative=world.initiative, body=body)
        CommitmentFactory(initiative=world.initiative)
        SystemsChangeEffortFactory(initiative=world.initiative)
    with django_assert_max_num_queries(25):
        page = selectors.dashboard(user=None, initiative=world.initiative)
    assert page["power_all"].decisions == 10
