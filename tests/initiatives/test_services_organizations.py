"""The organizations taking part in an initiative, managed by its backbone admin: adding a new
one or one the installation already knows, changing it, merging duplicates, and pausing a
partnership."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.choices import Role
from core.translation import translations_of
from initiatives import selectors, services
from initiatives.choices import PartnershipRole, Sector
from initiatives.models import Membership, Organization, Partnership
from measurement.models import Submission
from tests.factories.accounts import UserFactory
from tests.factories.conditions import ActivityFactory
from tests.factories.initiatives import OrganizationFactory, PartnershipFactory
from tests.factories.measurement import ReportingPeriodFactory, SubmissionFactory


def _create(world, actor, **fields):
    values = {
        "name_en": "East Library",
        "code": "",
        "sector": Sector.PUBLIC,
        "website": "",
        "role": PartnershipRole.PARTNER,
        "joined_on": date(2024, 1, 1),
    } | fields
    return services.organization_create(actor=actor, initiative=world.initiative, **values)


# ---- Creating and adding ----


def test_admin_creates_an_organization_and_it_becomes_a_partner(world, backbone_admin):
    organization = _create(world, backbone_admin)
    assert organization.code == "east-library"
    partnership = Partnership.objects.get(initiative=world.initiative, organization=organization)
    assert (partnership.role, partnership.is_active) == (PartnershipRole.PARTNER, True)
    assert organization in selectors.partner_organizations(initiative=world.initiative)


def test_a_derived_code_taken_elsewhere_gets_a_suffix(world, backbone_admin):
    OrganizationFactory(code="east-library", name="East Library (elsewhere)")
    assert _create(world, backbone_admin).code == "east-library-2"


def test_a_code_typed_that_is_taken_is_refused(world, backbone_admin):
    with pytest.raises(ValidationError) as error:
        _create(world, backbone_admin, code="org-a")
    assert "code" in error.value.message_dict
    assert not Organization.objects.filter(name="East Library").exists()


def test_staff_cannot_create_organizations(world, backbone_staff):
    with pytest.raises(PermissionDenied):
        _create(world, backbone_staff)
    assert not Organization.objects.filter(name="East Library").exists()


def test_search_finds_a_known_organization_by_name_or_code(world, backbone_admin):
    known = OrganizationFactory(code="lib-east", name="East Library")
    assert list(selectors.organization_search(initiative=world.initiative, q="east lib")) == [known]
    assert list(selectors.organization_search(initiative=world.initiative, q="LIB-EA")) == [known]
    # Those already taking part are not offered again.
    assert list(selectors.organization_search(initiative=world.initiative, q="North")) == []
    assert list(selectors.organization_search(initiative=world.initiative, q="")) == []


def test_adding_a_known_organization_makes_a_partnership_not_an_organization(world, backbone_admin):
    known = OrganizationFactory(code="lib-east", name="East Library")
    before = Organization.objects.count()
    partnership = services.partnership_add(
        actor=backbone_admin,
        initiative=world.initiative,
        organization=known,
        role=PartnershipRole.FUNDER,
        joined_on=None,
    )
    assert Organization.objects.count() == before
    assert (partnership.organization, partnership.role) == (known, PartnershipRole.FUNDER)


def test_an_organization_taking_part_is_not_added_twice(world, backbone_admin):
    with pytest.raises(ValidationError):
        services.partnership_add(
            actor=backbone_admin,
            initiative=world.initiative,
            organization=world.org_a,
            role=PartnershipRole.PARTNER,
            joined_on=None,
        )
    assert world.initiative.partnerships.filter(organization=world.org_a).count() == 1


# ---- Changing ----


def _update(world, actor, organization, **fields):
    partnership = Partnership.objects.get(initiative=world.initiative, organization=organization)
    values = {
        **translations_of(organization, "name"),
        "sector": organization.sector,
        "website": organization.website,
        "role": partnership.role,
        "joined_on": partnership.joined_on,
    } | fields
    return services.organization_update(
        actor=actor, initiative=world.initiative, organization=organization, fields=values
    )


def test_admin_renames_an_organization_of_this_initiative_only(world, backbone_admin):
    _update(world, backbone_admin, world.org_b, name_en="South Health Clinic")
    world.org_b.refresh_from_db()
    assert world.org_b.name == "South Health Clinic"


def test_rename_is_refused_when_the_organization_is_in_another_initiative(
    world, neighbour, backbone_admin
):
    with pytest.raises(ValidationError) as error:
        _update(world, backbone_admin, world.org_a, name_en="Renamed")
    assert "other initiatives" in " ".join(error.value.messages)
    world.org_a.refresh_from_db()
    assert world.org_a.name == "North School"


def test_its_role_here_changes_even_when_it_is_in_another_initiative(
    world, neighbour, backbone_admin
):
    _update(world, backbone_admin, world.org_a, role=PartnershipRole.FUNDER)
    partnership = Partnership.objects.get(initiative=world.initiative, organization=world.org_a)
    assert partnership.role == PartnershipRole.FUNDER


def test_an_installation_superuser_renames_a_shared_organization(world, neighbour):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    _update(world, superuser, world.org_a, name_en="North School District")
    world.org_a.refresh_from_db()
    assert world.org_a.name == "North School District"


# ---- Merging ----


def test_merge_moves_submissions_memberships_and_activities_then_deletes_the_duplicate(
    world, backbone_admin
):
    duplicate = OrganizationFactory(code="n-school", name="North Schol")
    PartnershipFactory(initiative=world.initiative, organization=duplicate)
    later = ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2")
    SubmissionFactory(initiative=world.initiative, organization=world.org_a, period=world.period)
    moved = SubmissionFactory(initiative=world.initiative, organization=duplicate, period=later)
    editor = UserFactory()
    Membership.objects.create(
        user=editor, initiative=world.initiative, role=Role.PARTNER_EDITOR, organization=duplicate
    )
    ActivityFactory(initiative=world.initiative, organization=duplicate)

    services.organization_merge(
        actor=backbone_admin, initiative=world.initiative, keep=world.org_a, merge=duplicate
    )

    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    moved.refresh_from_db()
    assert moved.organization == world.org_a
    assert Membership.objects.get(user=editor).organization == world.org_a
    assert world.org_a.activities.count() == 1
    assert world.initiative.partnerships.filter(organization=world.org_a).count() == 1


def test_merge_is_refused_on_a_collision_and_nothing_changes(world, backbone_admin):
    duplicate = OrganizationFactory(code="n-school", name="North Schol")
    PartnershipFactory(initiative=world.initiative, organization=duplicate)
    editor = UserFactory()
    Membership.objects.create(
        user=editor, initiative=world.initiative, role=Role.PARTNER_EDITOR, organization=duplicate
    )
    SubmissionFactory(initiative=world.initiative, organization=world.org_a, period=world.period)
    theirs = SubmissionFactory(
        initiative=world.initiative, organization=duplicate, period=world.period
    )

    with pytest.raises(ValidationError) as error:
        services.organization_merge(
            actor=backbone_admin, initiative=world.initiative, keep=world.org_a, merge=duplicate
        )

    assert "submissions" in " ".join(error.value.messages)
    assert Organization.objects.filter(pk=duplicate.pk).exists()
    assert Submission.objects.get(pk=theirs.pk).organization == duplicate
    assert Membership.objects.get(user=editor).organization == duplicate
    assert world.initiative.partnerships.filter(organization=duplicate).exists()


def test_merge_is_refused_when_the_duplicate_is_in_another_initiative(
    world, neighbour, backbone_admin
):
    with pytest.raises(ValidationError):
        services.organization_merge(
            actor=backbone_admin, initiative=world.initiative, keep=world.org_b, merge=world.org_a
        )
    assert Organization.objects.filter(pk=world.org_a.pk).exists()


def test_an_organization_is_not_merged_into_itself(world, backbone_admin):
    with pytest.raises(ValidationError):
        services.organization_merge(
            actor=backbone_admin, initiative=world.initiative, keep=world.org_a, merge=world.org_a
        )


def test_the_merge_preview_counts_what_will_move(world):
    SubmissionFactory(initiative=world.initiative, organization=world.org_b, period=world.period)
    preview = dict(selectors.organization_merge_preview(organization=world.org_b))
    assert preview["submissions"] == 1
    assert preview["partnerships"] == 1


# ---- Pausing a partnership ----


def test_a_deactivated_organization_is_no_longer_offered_but_keeps_its_data(world, backbone_admin):
    submission = SubmissionFactory(
        initiative=world.initiative, organization=world.org_b, period=world.period
    )
    partnership = Partnership.objects.get(initiative=world.initiative, organization=world.org_b)
    services.partnership_active_set(actor=backbone_admin, partnership=partnership, active=False)
    assert world.org_b not in selectors.partner_organizations(initiative=world.initiative)
    assert Submission.objects.filter(pk=submission.pk).exists()
    services.partnership_active_set(actor=backbone_admin, partnership=partnership, active=True)
    assert world.org_b in selectors.partner_organizations(initiative=world.initiative)


def test_no_one_is_invited_for_a_deactivated_organization(world, backbone_admin):
    partnership = Partnership.objects.get(initiative=world.initiative, organization=world.org_b)
    services.partnership_active_set(actor=backbone_admin, partnership=partnership, active=False)
    with pytest.raises(ValidationError):
        services.invitation_create(
            actor=backbone_admin,
            initiative=world.initiative,
            email="new@example.org",
            role=Role.PARTNER_EDITOR,
            organization=world.org_b,
            accept_url_for=lambda token: f"http://testserver/{token}",
        )
