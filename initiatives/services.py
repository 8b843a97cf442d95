"""Writes of the initiatives app: memberships and their roles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import roles
from accounts.choices import Role
from accounts.roles import Perm
from initiatives.models import Initiative, Membership, Organization


@transaction.atomic
def membership_set(
    *, initiative: Initiative, user, role: str, organization: Organization | None = None
) -> Membership:
    """Give the user this role in the initiative, replacing any role they held there.

    Not permission-checked: callers are the invitation service (the invitation was the
    authorization) and set-up commands."""
    membership = Membership.objects.filter(initiative=initiative, user=user).first()
    if membership is None:
        membership = Membership(initiative=initiative, user=user)
    membership.role = role
    membership.organization = organization
    membership.full_clean()
    membership.save()
    roles.forget_memberships(user)
    return membership


def _ensure_an_admin_remains(membership: Membership, *, new_role: str | None) -> None:
    if membership.role != Role.BACKBONE_ADMIN or new_role == Role.BACKBONE_ADMIN:
        return
    others = Membership.objects.filter(
        initiative=membership.initiative, role=Role.BACKBONE_ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("Every initiative needs a backbone admin: make someone else admin first.")
        )


@transaction.atomic
def membership_change_role(
    *, actor, membership: Membership, role: str, organization: Organization | None
) -> Membership:
    roles.require(actor, membership.initiative, Perm.MANAGE_MEMBERS)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership, new_role=role)
    membership.role = role
    membership.organization = organization
    membership.full_clean()
    membership.save()
    roles.forget_memberships(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    roles.require(actor, membership.initiative, Perm.MANAGE_MEMBERS)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership, new_role=None)
    membership.delete()
    roles.forget_memberships(membership.user)
