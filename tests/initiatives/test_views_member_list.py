from django.urls import reverse

from accounts.choices import Role
from initiatives.models import Membership


def test_it_lists_members_with_their_roles(client, world, backbone_admin, partner_a):
    client.force_login(backbone_admin)
    response = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    assert response.status_code == 200
    assert partner_a.email.encode() in response.content


def test_admin_changes_a_role(client, world, backbone_admin, funder):
    client.force_login(backbone_admin)
    membership = Membership.objects.get(user=funder)
    client.post(
        reverse("initiatives:member-update", args=[world.initiative.slug, membership.pk]),
        {"role": Role.PARTNER_VIEWER, "organization": world.org_b.pk},
    )
    membership.refresh_from_db()
    assert (membership.role, membership.organization) == (Role.PARTNER_VIEWER, world.org_b)


def test_partner_role_needs_an_organization(client, world, backbone_admin, funder):
    client.force_login(backbone_admin)
    membership = Membership.objects.get(user=funder)
    client.post(
        reverse("initiatives:member-update", args=[world.initiative.slug, membership.pk]),
        {"role": Role.PARTNER_EDITOR, "organization": ""},
    )
    membership.refresh_from_db()
    assert membership.role == Role.FUNDER


def test_the_last_admin_cannot_step_down(client, world, backbone_admin):
    client.force_login(backbone_admin)
    membership = Membership.objects.get(user=backbone_admin)
    response = client.post(
        reverse("initiatives:member-update", args=[world.initiative.slug, membership.pk]),
        {"role": Role.FUNDER},
        follow=True,
    )
    membership.refresh_from_db()
    assert membership.role == Role.BACKBONE_ADMIN
    assert b"needs a backbone admin" in response.content


def test_the_last_admin_cannot_be_removed(client, world, backbone_admin):
    client.force_login(backbone_admin)
    membership = Membership.objects.get(user=backbone_admin)
    client.post(reverse("initiatives:member-remove", args=[world.initiative.slug, membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_staff_cannot_change_roles(client, world, backbone_staff, funder):
    client.force_login(backbone_staff)
    membership = Membership.objects.get(user=funder)
    response = client.post(
        reverse("initiatives:member-update", args=[world.initiative.slug, membership.pk]),
        {"role": Role.BACKBONE_ADMIN},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.FUNDER
