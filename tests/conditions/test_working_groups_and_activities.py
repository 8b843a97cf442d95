"""Working groups, the plan of action (mutually reinforcing activities) and its coverage
of the indicators."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conditions import selectors, services
from conditions.choices import ActivityKind, ActivityStatus, GroupRole
from conditions.models import Activity
from tests.factories.community import CommunityMemberFactory
from tests.factories.conditions import ActivityFactory, WorkingGroupFactory
from tests.factories.initiatives import InitiativeFactory, ResultFactory
from tests.factories.measurement import IndicatorFactory
from tests.services import saved

pytestmark = pytest.mark.django_db


# ---- Working groups ----


def _save_group(world, actor, members, group=None, **fields):
    """Save the working group ``group`` (a new one if None), named "Reading" unless ``fields``
    say otherwise, with these ``members``."""
    group_fields = {"name": "Reading", **fields}
    return saved(
        services.working_group_save, world, actor, group=group, fields=group_fields, members=members
    )


def test_community_member_named_co_chair_is_marked_as_community(
    world, backbone_staff, community_member
):
    members = [
        {"user": community_member, "role": GroupRole.CO_CHAIR, "is_community": False},
        {"name": "Huda Mansour", "role": GroupRole.MEMBER, "is_community": True},
        {"user": backbone_staff, "role": GroupRole.CO_CHAIR},
    ]
    group = _save_group(world, backbone_staff, members, name="Early learning")
    members = {str(m): m for m in group.members.all()}
    assert members[str(community_member)].is_community_co_chair
    assert not members[str(backbone_staff)].is_community_co_chair
    assert members["Huda Mansour"].is_community


def test_a_name_from_the_community_register_is_marked_as_community(world, backbone_staff):
    CommunityMemberFactory(initiative=world.initiative, name="Huda Mansour")
    members = [{"name": "huda  mansour"}, {"name": "Avi Peretz"}]
    group = _save_group(world, backbone_staff, members, name="Early learning")
    community = {m.name: m.is_community for m in group.members.all()}
    assert community == {"huda  mansour": True, "Avi Peretz": False}


def test_working_group_members_can_be_removed(world, backbone_staff):
    group = _save_group(world, backbone_staff, [{"name": "Avi"}, {"name": "Lina"}])
    avi = group.members.get(name="Avi")
    _save_group(world, backbone_staff, [{"id": avi, "name": "Avi", "DELETE": True}], group=group)
    assert [m.name for m in group.members.all()] == ["Lina"]


def test_a_working_group_member_with_an_account_must_belong_to_the_initiative(
    world, backbone_staff, outsider
):
    with pytest.raises(ValidationError):
        _save_group(world, backbone_staff, [{"user": outsider}])


def test_a_working_group_cannot_work_toward_another_initiatives_result(world, backbone_staff):
    elsewhere = ResultFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        _save_group(world, backbone_staff, [], result=elsewhere)


# ---- Activities ----


def _save_activity(world, actor, organization, activity=None, **fields):
    """Save ``activity`` (a new one if None) of ``organization``: an active programme of reading
    mentors aimed at the world's indicator, unless ``fields`` say otherwise."""
    activity_fields = {
        "organization": organization,
        "title": "Reading mentors",
        "kind": ActivityKind.PROGRAM,
        "status": ActivityStatus.ACTIVE,
        "indicators": [world.indicator],
        **fields,
    }
    return saved(services.activity_save, world, actor, activity=activity, fields=activity_fields)


def test_partner_editor_adds_an_activity_of_their_own_organization(world, partner_a):
    activity = _save_activity(world, partner_a, world.org_a)
    assert list(activity.indicators.all()) == [world.indicator]


def test_partner_editor_cannot_add_an_activity_for_another_organization(world, partner_a):
    with pytest.raises(PermissionDenied):
        _save_activity(world, partner_a, world.org_b)
    assert not Activity.objects.exists()


def test_partner_editor_cannot_move_another_organizations_activity_to_their_own(world, partner_a):
    activity = ActivityFactory(initiative=world.initiative, organization=world.org_b)
    with pytest.raises(PermissionDenied):
        _save_activity(world, partner_a, world.org_a, activity)


@pytest.mark.parametrize("persona", ["partner_viewer", "funder", "community_member"], indirect=True)
def test_readers_cannot_change_the_plan(world, persona):
    with pytest.raises(PermissionDenied):
        _save_activity(world, persona, world.org_a)


def test_backbone_staff_edit_any_organizations_activity(world, backbone_staff):
    activity = ActivityFactory(initiative=world.initiative, organization=world.org_b)
    _save_activity(world, backbone_staff, world.org_b, activity, status=ActivityStatus.DONE)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE


def test_an_activity_cannot_aim_at_another_initiatives_indicator(world, backbone_staff):
    foreign = IndicatorFactory(initiative=InitiativeFactory())
    with pytest.raises(ValidationError):
        _save_activity(world, backbone_staff, world.org_a, indicators=[foreign])


def test_an_activity_cannot_end_before_it_starts(world, backbone_staff):
    from datetime import date

    with pytest.raises(ValidationError):
        _save_activity(
            world, backbone_staff, world.org_a, starts_on=date(2025, 5, 1), ends_on=date(2025, 1, 1)
        )


def test_partner_deletes_only_their_own_activity(world, partner_a):
    theirs = ActivityFactory(initiative=world.initiative, organization=world.org_b)
    with pytest.raises(PermissionDenied):
        services.activity_delete(actor=partner_a, activity=theirs)
    own = ActivityFactory(initiative=world.initiative, organization=world.org_a)
    services.activity_delete(actor=partner_a, activity=own)
    assert list(Activity.objects.all()) == [theirs]


# ---- Coverage ----


def test_coverage_shows_indicators_nobody_works_on(world):
    absence = IndicatorFactory(initiative=world.initiative, code="absence")
    ActivityFactory(
        initiative=world.initiative, organization=world.org_a, indicators=[world.indicator]
    )
    coverage = selectors.indicator_coverage(initiative=world.initiative)
    assert coverage["uncovered"] == [absence]
    assert (coverage["covered_count"], coverage["indicator_count"]) == (1, 2)
    assert coverage["covered_share"] == 0.5


def test_stopped_and_finished_activities_do_not_cover_an_indicator(world):
    for status in (ActivityStatus.STOPPED, ActivityStatus.DONE):
        ActivityFactory(
            initiative=world.initiative,
            organization=world.org_a,
            status=status,
            indicators=[world.indicator],
        )
    assert selectors.indicator_coverage(initiative=world.initiative)["uncovered"] == [
        world.indicator
    ]


def test_planned_activity_covers_an_indicator(world):
    ActivityFactory(
        initiative=world.initiative,
        organization=world.org_a,
        status=ActivityStatus.PLANNED,
        indicators=[world.indicator],
    )
    assert selectors.indicator_coverage(initiative=world.initiative)["uncovered"] == []


def test_coverage_shows_where_organizations_overlap(world):
    for organization in (world.org_a, world.org_b):
        ActivityFactory(
            initiative=world.initiative, organization=organization, indicators=[world.indicator]
        )
    [row] = selectors.indicator_coverage(initiative=world.initiative)["overlapping"]
    assert row.indicator == world.indicator
    assert row.overlaps == [(ActivityKind.PROGRAM, [world.org_a, world.org_b])]


def test_a_result_is_worked_on_through_its_indicators(world):
    reading = ResultFactory(initiative=world.initiative)
    work = ResultFactory(initiative=world.initiative)
    world.indicator.result = reading
    world.indicator.save()
    ActivityFactory(
        initiative=world.initiative, organization=world.org_a, indicators=[world.indicator]
    )
    coverage = selectors.indicator_coverage(initiative=world.initiative)
    assert coverage["results_without_work"] == [work]


def test_coverage_reads_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    for index in range(20):
        indicator = IndicatorFactory(initiative=world.initiative, code=f"i{index}")
        ActivityFactory(
            initiative=world.initiative, organization=world.org_a, indicators=[indicator]
        )
    with django_assert_max_num_queries(6):
        selectors.indicator_coverage(initiative=world.initiative)


def test_working_group_of_another_initiative_is_not_found(world):
    from django.http import Http404

    group = WorkingGroupFactory()
    with pytest.raises(Http404):
        selectors.working_group_get(user=None, initiative=world.initiative, pk=group.pk)
