"""Reads of the initiatives app."""

from django.db.models import QuerySet

from accounts.models import Invitation
from initiatives.models import Initiative, Membership, Organization


def initiative_list(*, user) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user)


def partner_organizations(*, initiative: Initiative) -> QuerySet[Organization]:
    return Organization.objects.filter(
        partnerships__initiative=initiative, partnerships__is_active=True
    ).order_by("name")


def membership_list(*, initiative: Initiative) -> QuerySet[Membership]:
    return initiative.memberships.select_related("user", "organization").order_by(
        "role", "user__full_name", "user__email"
    )


def pending_invitation_list(*, initiative: Initiative) -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending()
        .filter(initiative=initiative)
        .select_related("organization", "invited_by")
    )
