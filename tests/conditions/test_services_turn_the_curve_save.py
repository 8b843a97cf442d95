"""Saving an indicator's Turn the Curve record: each save is a new version with its own rows,
earlier versions never change, a version saved meanwhile is not overwritten unseen, and every
link must be the initiative's own."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conditions import services
from conditions.choices import EvidenceKind
from conditions.models import CurveAction, CurveCause, TurnTheCurve, TurnTheCurveVersion
from tests.factories.community import EngagementEventFactory, FeedbackItemFactory
from tests.factories.conditions import ActivityFactory, MeetingFactory
from tests.factories.initiatives import InitiativeFactory, PartnershipFactory
from tests.factories.measurement import IndicatorFactory

pytestmark = pytest.mark.django_db


def save(world, actor, *, based_on=0, causes=(), partners=(), ideas=(), actions=(), **fields):
    return services.turn_the_curve_save(
        actor=actor,
        initiative=world.initiative,
        indicator=world.indicator,
        fields={"based_on": based_on, **fields},
        causes=list(causes),
        partners=list(partners),
        ideas=list(ideas),
        actions=list(actions),
    )


def _action(activity, **extra):
    return {"activity": activity, "owner": None, "due_on": date(2027, 3, 1), "note": "", **extra}


def test_it_saves_the_first_version_with_its_rows(world, backbone_staff):
    activity = ActivityFactory(initiative=world.initiative, organization=world.org_a)
    meeting = MeetingFactory(initiative=world.initiative)
    partnership = world.initiative.partnerships.get(organization=world.org_a)

    version = save(
        world,
        backbone_staff,
        meeting=meeting,
        note="First draft",
        causes=[{"cause": "Few books at home", "data": "Survey 2024", "data_indicator": None}],
        partners=[{"partnership": partnership, "role": "Lend books"}],
        ideas=[{"idea": "Reading buddies", "kind": EvidenceKind.RESEARCH}],
        actions=[_action(activity, owner=backbone_staff)],
    )

    assert version.number == 1
    assert version.meeting == meeting
    assert version.saved_by == backbone_staff
    assert [c.cause for c in version.causes.all()] == ["Few books at home"]
    assert version.partners.get().partnership == partnership
    assert version.ideas.get().kind == EvidenceKind.RESEARCH
    assert version.actions.get().owner == backbone_staff


def test_a_new_version_changes_its_own_rows_and_leaves_the_old_one_as_it_was(world, backbone_staff):
    first = save(world, backbone_staff, causes=[{"cause": "Few books at home", "data": ""}])

    second = save(
        world,
        backbone_staff,
        based_on=1,
        causes=[
            {"cause": "Few books at home", "data": "Survey 2024"},
            {"cause": "Long commutes", "data": ""},
        ],
    )

    assert second.number == 2
    assert [(c.cause, c.data) for c in second.causes.all()] == [
        ("Few books at home", "Survey 2024"),
        ("Long commutes", ""),
    ]
    first.refresh_from_db()
    assert [(c.cause, c.data) for c in first.causes.all()] == [("Few books at home", "")]
    assert TurnTheCurve.objects.count() == 1


def test_rows_marked_for_deletion_are_left_out_of_the_new_version_only(world, backbone_staff):
    save(world, backbone_staff, causes=[{"cause": "Old cause", "data": ""}])

    second = save(
        world, backbone_staff, based_on=1, causes=[{"cause": "Old cause", "DELETE": True}]
    )

    assert not second.causes.exists()
    assert CurveCause.objects.filter(version__number=1, cause="Old cause").exists()


def test_it_refuses_to_overwrite_a_version_saved_meanwhile(world, backbone_staff, backbone_admin):
    save(world, backbone_staff, causes=[{"cause": "Mine", "data": ""}])
    save(world, backbone_admin, based_on=1, causes=[{"cause": "Theirs", "data": ""}])

    with pytest.raises(ValidationError, match="Someone saved version 2"):
        save(world, backbone_staff, based_on=1, causes=[{"cause": "Mine, changed", "data": ""}])

    assert TurnTheCurveVersion.objects.count() == 2
    assert not CurveCause.objects.filter(cause="Mine, changed").exists()


def test_save_anyway_saves_after_the_version_saved_meanwhile(world, backbone_staff):
    save(world, backbone_staff)
    save(world, backbone_staff, based_on=1)

    third = save(world, backbone_staff, based_on=1, save_anyway=True)

    assert third.number == 3


def test_partner_editors_cannot_save(world, partner_a):
    with pytest.raises(PermissionDenied):
        save(world, partner_a)
    assert not TurnTheCurve.objects.exists()


def test_it_refuses_a_partnership_of_another_initiative(world, backbone_staff):
    elsewhere = PartnershipFactory(initiative=InitiativeFactory(), organization=world.org_a)

    with pytest.raises(ValidationError, match="not an active partner"):
        save(world, backbone_staff, partners=[{"partnership": elsewhere, "role": "Help"}])

    assert not TurnTheCurveVersion.objects.exists()


def test_it_refuses_a_partnership_that_ended(world, backbone_staff):
    partnership = world.initiative.partnerships.get(organization=world.org_b)
    partnership.is_active = False
    partnership.save()

    with pytest.raises(ValidationError, match="not an active partner"):
        save(world, backbone_staff, partners=[{"partnership": partnership, "role": "Help"}])


def test_it_refuses_an_activity_of_another_initiative(world, backbone_staff):
    activity = ActivityFactory(initiative=InitiativeFactory(), organization=world.org_a)

    with pytest.raises(ValidationError, match="belongs to another initiative"):
        save(world, backbone_staff, actions=[_action(activity)])

    assert not CurveAction.objects.exists()


def test_it_refuses_an_owner_who_is_no_member(world, backbone_staff, outsider):
    activity = ActivityFactory(initiative=world.initiative, organization=world.org_a)

    with pytest.raises(ValidationError, match="not a member"):
        save(world, backbone_staff, actions=[_action(activity, owner=outsider)])


def test_it_refuses_feedback_of_another_initiative(world, backbone_staff):
    feedback = FeedbackItemFactory(initiative=InitiativeFactory(), published=True)

    with pytest.raises(ValidationError, match="Only feedback published"):
        save(
            world,
            backbone_staff,
            ideas=[{"idea": "Ask", "kind": EvidenceKind.COMMUNITY, "feedback": feedback}],
        )


def test_it_refuses_feedback_that_was_never_published(world, backbone_staff):
    feedback = FeedbackItemFactory(initiative=world.initiative)

    with pytest.raises(ValidationError, match="Only feedback published"):
        save(
            world,
            backbone_staff,
            ideas=[{"idea": "Ask", "kind": EvidenceKind.COMMUNITY, "feedback": feedback}],
        )


def test_it_refuses_a_reading_of_another_indicator(world, backbone_staff):
    other = IndicatorFactory(initiative=world.initiative, code="math8")
    event = EngagementEventFactory(initiative=world.initiative)
    reading = event.interpretations.create(
        indicator=other, period=world.period, text="Maths is hard", language="en"
    )

    with pytest.raises(ValidationError, match="this indicator"):
        save(
            world,
            backbone_staff,
            ideas=[{"idea": "Tutors", "kind": EvidenceKind.COMMUNITY, "interpretation": reading}],
        )


def test_only_what_the_community_said_links_to_feedback(world, backbone_staff):
    feedback = FeedbackItemFactory(initiative=world.initiative, published=True)

    with pytest.raises(ValidationError):
        save(
            world,
            backbone_staff,
            ideas=[{"idea": "Ask", "kind": EvidenceKind.RESEARCH, "feedback": feedback}],
        )


def test_it_refuses_a_meeting_of_another_initiative(world, backbone_staff):
    meeting = MeetingFactory(initiative=InitiativeFactory())

    with pytest.raises(ValidationError, match="belongs to another initiative"):
        save(world, backbone_staff, meeting=meeting)
