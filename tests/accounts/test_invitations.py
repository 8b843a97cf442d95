import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Invitation
from initiatives.models import Membership
from tests.factories.accounts import UserFactory


def _invite(client, admin, world, **data):
    client.force_login(admin)
    payload = {
        "email": "newcomer@example.org",
        "role": Role.PARTNER_EDITOR,
        "organization": world.org_a.pk,
    } | data
    return client.post(reverse("initiatives:member-invite", args=[world.initiative.slug]), payload)


def _link_from_outbox():
    return re.search(r"http://testserver(/invitation/\S+/)", mail.outbox[-1].body)[1]


def test_admin_invites_and_the_link_creates_a_member_with_that_role(client, world, backbone_admin):
    response = _invite(client, backbone_admin, world)
    assert response.status_code == 302
    link = _link_from_outbox()
    client.logout()

    response = client.post(
        link,
        {
            "full_name": "Rana",
            "password": "a-long-passphrase-1",
            "password_confirm": "a-long-passphrase-1",
        },
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user__email="newcomer@example.org")
    assert (membership.role, membership.organization) == (Role.PARTNER_EDITOR, world.org_a)
    assert "_auth_user_id" in client.session


def test_the_link_works_once(client, world, backbone_admin):
    _invite(client, backbone_admin, world)
    link = _link_from_outbox()
    client.logout()
    data = {
        "full_name": "Rana",
        "password": "a-long-passphrase-1",
        "password_confirm": "a-long-passphrase-1",
    }
    client.post(link, data)
    client.logout()
    assert client.get(link).status_code == 404


def test_an_expired_link_does_not_work(client, world, backbone_admin):
    _invite(client, backbone_admin, world)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    assert client.get(_link_from_outbox()).status_code == 404


def test_only_the_token_hash_is_stored(client, world, backbone_admin):
    _invite(client, backbone_admin, world)
    token = _link_from_outbox().rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_weak_password_is_refused_and_the_name_kept(client, world, backbone_admin):
    _invite(client, backbone_admin, world)
    client.logout()
    response = client.post(
        _link_from_outbox(), {"full_name": "Rana", "password": "123", "password_confirm": "123"}
    )
    assert response.status_code == 200
    assert b'value="Rana"' in response.content
    assert not Membership.objects.filter(user__email="newcomer@example.org").exists()


def test_partner_role_without_organization_is_refused(client, world, backbone_admin):
    response = _invite(client, backbone_admin, world, organization="")
    assert response.status_code == 400
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_existing_user_accepts_while_signed_in(client, world, backbone_admin):
    existing = UserFactory(email="newcomer@example.org")
    _invite(client, backbone_admin, world, role=Role.FUNDER, organization="")
    link = _link_from_outbox()
    client.force_login(existing)
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=existing).role == Role.FUNDER


def test_a_newer_invitation_revokes_the_older_link(client, world, backbone_admin):
    _invite(client, backbone_admin, world)
    first = _link_from_outbox()
    _invite(client, backbone_admin, world)
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(_link_from_outbox()).status_code == 200
