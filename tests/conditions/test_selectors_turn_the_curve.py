"""Reading a Turn the Curve record: owners named as the viewer may read them (as a meeting's
attendees are), what changed from the version before, and the versions a meeting worked on."""

from datetime import date

import pytest

from accounts.choices import Role
from conditions import selectors, services
from tests.factories.accounts import UserFactory
from tests.factories.conditions import ActivityFactory, MeetingFactory
from tests.factories.initiatives import MembershipFactory
from tests.measurement.conftest import compute, report

pytestmark = pytest.mark.django_db


def _save(world, actor, based_on=0, meeting=None, **rows):
    return services.turn_the_curve_save(
        actor=actor,
        initiative=world.initiative,
        indicator=world.indicator,
        fields={"based_on": based_on, "meeting": meeting},
        **{name: rows.get(name, []) for name in ("causes", "partners", "ideas", "actions")},
    )


def _shown(world, user, number=None):
    return selectors.turn_the_curve_version(
        user=user, initiative=world.initiative, indicator=world.indicator, number=number
    )


@pytest.fixture
def actions(world, backbone_staff):
    """An action owned by a community member, and one with no owner (its organization's)."""
    resident = UserFactory(full_name="Rana Haddad")
    MembershipFactory(user=resident, initiative=world.initiative, role=Role.COMMUNITY_MEMBER)
    club = ActivityFactory(initiative=world.initiative, organization=world.org_a)
    tutors = ActivityFactory(initiative=world.initiative, organization=world.org_b)
    due = date(2027, 1, 31)
    _save(
        world,
        backbone_staff,
        actions=[
            {"activity": club, "owner": resident, "due_on": due},
            {"activity": tutors, "owner": None, "due_on": due},
        ],
    )


def test_funder_reads_no_community_member_s_name_as_owner(world, actions, funder):
    owners = [row.owner_name for row in _shown(world, funder).sections["actions"].rows]
    assert owners == ["Community member", "South Clinic"]


def test_backbone_reads_the_owner_s_name(world, actions, backbone_admin):
    owners = [row.owner_name for row in _shown(world, backbone_admin).sections["actions"].rows]
    assert owners == ["Rana Haddad", "South Clinic"]


def test_a_version_shows_what_it_added_and_took_out(world, backbone_staff):
    _save(world, backbone_staff, causes=[{"cause": "Kept"}, {"cause": "Dropped"}])
    _save(world, backbone_staff, based_on=1, causes=[{"cause": "Kept"}, {"cause": "Added"}])

    causes = _shown(world, backbone_staff, number=2).sections["causes"]

    assert [(row.cause, row.is_new) for row in causes.rows] == [("Kept", False), ("Added", True)]
    assert [row.cause for row in causes.removed] == ["Dropped"]
    assert not _shown(world, backbone_staff, number=2).sections["partners"].changed


def test_the_first_version_marks_nothing_as_new(world, backbone_staff):
    _save(world, backbone_staff, causes=[{"cause": "First"}])
    causes = _shown(world, backbone_staff).sections["causes"]
    assert [row.is_new for row in causes.rows] == [False]


def test_a_record_never_saved_has_no_version(world, funder):
    assert _shown(world, funder) is None


def test_a_meeting_lists_the_versions_worked_on_at_it(world, backbone_staff):
    meeting = MeetingFactory(initiative=world.initiative)
    _save(world, backbone_staff)
    _save(world, backbone_staff, based_on=1, meeting=meeting)

    versions = selectors.turn_the_curve_versions_at(meeting=meeting)

    assert [version.number for version in versions] == [2]


def test_the_curve_s_latest_figures_are_suppressed_for_a_restricted_audience(
    world, funder, backbone_staff
):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (3, 5)})
    compute(world)

    def latest(user):
        (figure,) = selectors.turn_the_curve_figures(
            user=user, initiative=world.initiative, indicator=world.indicator
        )
        return figure

    assert latest(funder).suppressed
    assert latest(funder).value is None
    assert latest(backbone_staff).value == pytest.approx(60.0)
