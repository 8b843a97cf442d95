from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Invitation
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


# ---- Invitations: expiry, resending; people who never signed in ----


def _invite(client, world, admin, email="new@example.org"):
    client.force_login(admin)
    client.post(
        reverse("initiatives:member-invite", args=[world.initiative.slug]),
        {"email": email, "role": Role.FUNDER},
    )
    return Invitation.objects.get(email=email, revoked_at__isnull=True)


def _link_in(message) -> str:
    return next(word for word in message.body.split() if "/invitation/" in word)


def test_invitations_show_when_they_expire(client, world, backbone_admin):
    invitation = _invite(client, world, backbone_admin)
    page = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    assert "Expires" in page.content.decode()
    assert str(invitation.expires_at.year) in page.content.decode()


def test_resend_revokes_the_old_link_and_the_new_one_works(client, world, backbone_admin):
    invitation = _invite(client, world, backbone_admin)
    old_link = _link_in(mail.outbox[-1])
    response = client.post(
        reverse("initiatives:invitation-resend", args=[world.initiative.slug, invitation.pk])
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new_link = _link_in(mail.outbox[-1])
    assert new_link != old_link
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    fresh = Invitation.objects.get(email="new@example.org", revoked_at__isnull=True)
    assert (fresh.role, fresh.expires_at > invitation.expires_at) == (Role.FUNDER, True)
    client.logout()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_an_expired_invitation_can_be_sent_again(client, world, backbone_admin):
    invitation = _invite(client, world, backbone_admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    page = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    assert "Expired" in page.content.decode()
    client.post(
        reverse("initiatives:invitation-resend", args=[world.initiative.slug, invitation.pk])
    )
    assert Invitation.objects.pending().filter(email="new@example.org").count() == 1


def test_it_lists_members_who_never_signed_in(client, world, backbone_admin, funder, partner_a):
    funder.last_login = timezone.now()
    funder.save(update_fields=["last_login"])
    client.force_login(backbone_admin)  # sets the admin's last_login
    page = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    never = page.context["never_signed_in"]
    assert [entry.membership.user for entry in never] == [partner_a]
    assert "Never signed in" in page.content.decode()


def test_the_invite_form_points_to_the_organizations_page(client, world, backbone_admin):
    client.force_login(backbone_admin)
    page = client.get(reverse("initiatives:member-list", args=[world.initiative.slug]))
    assert reverse("initiatives:organization-list", args=[world.initiative.slug]) in (
        page.content.decode()
    )


def test_partners_cannot_resend_invitations(client, world, backbone_admin, partner_a):
    invitation = _invite(client, world, backbone_admin)
    client.force_login(partner_a)
    url = reverse("initiatives:invitation-resend", args=[world.initiative.slug, invitation.pk])
    assert client.post(url).status_code == 403
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
