"""The initiative's disclosure policy: read as the engine's ``Policy``, set by a backbone admin
(or the operator's commands), every change recorded with who made it, when and how."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from initiatives.choices import DisclosurePolicySource, DisclosureSmallCount
from initiatives.models import DisclosurePolicyChange
from measurement import selectors, services
from measurement.disclosure import Policy, SmallCount

STRICT = Policy(
    min_group_size=15,
    min_count=5,
    small_count=SmallCount.SUPPRESS,
    min_contributors=2,
    protection_level=20,
)


def test_the_small_count_choices_are_the_engines():
    assert sorted(DisclosureSmallCount.values) == sorted(member.value for member in SmallCount)


def test_a_new_initiative_has_the_default_policy(world):
    policy = selectors.disclosure_policy(initiative=world.initiative)
    assert policy == Policy()
    assert policy.count_threshold == 10


def test_the_minimum_group_size_is_the_suppression_threshold(world):
    world.initiative.suppression_threshold = 12
    assert selectors.disclosure_policy(initiative=world.initiative).min_group_size == 12


def test_a_backbone_admin_sets_the_policy(world, backbone_admin):
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=STRICT,
        source=DisclosurePolicySource.PAGE,
    )
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 15
    assert selectors.disclosure_policy(initiative=world.initiative) == STRICT


def test_disclosure_policy_change_is_recorded_with_who_and_when(world, backbone_admin):
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=STRICT,
        source=DisclosurePolicySource.PAGE,
    )
    change = DisclosurePolicyChange.objects.get()
    assert change.initiative == world.initiative
    assert change.changed_by == backbone_admin
    assert change.created_at is not None
    assert change.source == "page"
    assert change.policy == {
        "min_group_size": 15,
        "min_count": 5,
        "small_count": "suppress",
        "min_contributors": 2,
        "protection_level": 20,
    }


def test_setting_the_same_policy_records_nothing(world, backbone_admin):
    result = services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=Policy(),
        source=DisclosurePolicySource.PAGE,
    )
    assert result is None
    assert not DisclosurePolicyChange.objects.exists()


def test_the_operator_sets_the_policy_without_an_account(world):
    services.disclosure_policy_set(
        initiative=world.initiative, by=None, policy=STRICT, source=DisclosurePolicySource.IMPORT
    )
    assert DisclosurePolicyChange.objects.get().changed_by is None


@pytest.mark.parametrize(
    ("persona", "refusal"),
    [
        ("backbone_staff", PermissionDenied),
        ("partner_a", PermissionDenied),
        ("funder", PermissionDenied),
        ("outsider", Http404),
    ],
    indirect=["persona"],
)
def test_only_a_backbone_admin_may_change_the_policy(world, persona, refusal):
    with pytest.raises(refusal):
        services.disclosure_policy_set(
            initiative=world.initiative,
            by=persona,
            policy=STRICT,
            source=DisclosurePolicySource.PAGE,
        )
    world.initiative.refresh_from_db()
    assert world.initiative.suppression_threshold == 10
    assert not DisclosurePolicyChange.objects.exists()


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"min_group_size": 0}, "suppression_threshold"),
        ({"min_count": 0}, "disclosure_min_count"),
        ({"min_contributors": 0}, "disclosure_min_contributors"),
        ({"protection_level": 51}, "disclosure_protection_level"),
        ({"protection_level": -1}, "disclosure_protection_level"),
    ],
)
def test_a_policy_out_of_bounds_is_refused_and_changes_nothing(world, backbone_admin, rules, field):
    with pytest.raises(ValidationError) as refused:
        services.disclosure_policy_set(
            initiative=world.initiative,
            by=backbone_admin,
            policy=Policy(**rules),
            source=DisclosurePolicySource.PAGE,
        )
    assert field in refused.value.message_dict
    world.initiative.refresh_from_db()
    assert selectors.disclosure_policy(initiative=world.initiative) == Policy()
    assert not DisclosurePolicyChange.objects.exists()


def test_the_history_says_what_each_change_changed(world, backbone_admin):
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=Policy(min_group_size=5),
        source=DisclosurePolicySource.PAGE,
    )
    services.disclosure_policy_set(
        initiative=world.initiative,
        by=backbone_admin,
        policy=Policy(min_group_size=5, small_count=SmallCount.SUPPRESS),
        source=DisclosurePolicySource.PAGE,
    )
    newest, first = selectors.disclosure_policy_history(initiative=world.initiative)
    assert [(c.rule, c.before, c.after) for c in newest.changes] == [
        ("When a count is too small", "Publish a coded range, such as “≥ 90%”", "Hide the figure")
    ]
    # The first change recorded shows every rule as it was set.
    assert len(first.changes) == 5
    assert first.changes[0].after == "5"
    assert first.changes[1].after == "same as the minimum group size"
