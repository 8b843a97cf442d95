import pytest

from accounts.choices import Role
from initiatives import roles
from initiatives.roles import Perm
from tests.factories.accounts import UserFactory


def test_partner_editor_enters_data_only_for_own_organization(world, partner_a):
    assert roles.can(partner_a, world.initiative, Perm.ENTER_DATA, organization=world.org_a)
    assert not roles.can(partner_a, world.initiative, Perm.ENTER_DATA, organization=world.org_b)


def test_backbone_staff_enters_data_for_any_partner(world, backbone_staff):
    assert roles.can(backbone_staff, world.initiative, Perm.ENTER_DATA, organization=world.org_b)


def test_funder_only_reads_dashboards(world, funder):
    allowed = {perm for perm in Perm if roles.can(funder, world.initiative, perm)}
    assert allowed == {Perm.VIEW_DASHBOARDS}


def test_only_backbone_sees_unsuppressed_data(
    world, backbone_admin, backbone_staff, partner_a, partner_viewer, funder, community_member
):
    seen = {
        u: roles.sees_unsuppressed(u, world.initiative)
        for u in [
            backbone_admin,
            backbone_staff,
            partner_a,
            partner_viewer,
            funder,
            community_member,
        ]
    }
    assert seen == {
        backbone_admin: True,
        backbone_staff: True,
        partner_a: False,
        partner_viewer: False,
        funder: False,
        community_member: False,
    }


def test_outsider_has_no_role_and_no_permission(world, outsider):
    assert roles.role_of(outsider, world.initiative) is None
    assert not any(roles.can(outsider, world.initiative, perm) for perm in Perm)


def test_superuser_acts_as_backbone_admin_where_not_a_member(world):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert roles.role_of(superuser, world.initiative) == Role.BACKBONE_ADMIN


def test_require_hides_initiative_from_outsiders_and_forbids_members(world, outsider, funder):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        roles.require(outsider, world.initiative, Perm.VIEW_DASHBOARDS)
    with pytest.raises(PermissionDenied):
        roles.require(funder, world.initiative, Perm.ENTER_DATA)


def test_memberships_are_loaded_once_per_user_object(world, partner_a, django_assert_num_queries):
    roles.forget_memberships(partner_a)
    with django_assert_num_queries(1):
        for perm in Perm:
            roles.can(partner_a, world.initiative, perm, organization=world.org_a)


def test_every_role_has_a_permission_set():
    assert set(roles.ROLE_PERMISSIONS) == set(Role)
