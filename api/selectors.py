"""Reads the API needs of the initiative's tenancy that initiatives.selectors does not offer
yet: the organizations taking part, with their partnership."""

from django.db.models import QuerySet

from initiatives.models import Initiative, Organization, Partnership


def partnership_list(*, initiative: Initiative) -> QuerySet[Partnership]:
    """Every organization taking part — partners, funders, the backbone — with its role."""
    return initiative.partnerships.select_related("organization").order_by("organization__code")


def participant_by_code(*, initiative: Initiative, code: str) -> Organization | None:
    """The organization taking part in the initiative under this code, or None."""
    partnership = partnership_list(initiative=initiative).filter(organization__code=code).first()
    return partnership.organization if partnership else None
