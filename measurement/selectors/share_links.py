"""Reads of share links: the list, the link a token names, and what it shows."""

from django.db.models import Count, Max

from initiatives.models import Initiative
from measurement.models import (
    ShareLink,
)
from measurement.selectors.definitions import indicator_list

# ---- Share links ----


def share_link_list(*, initiative: Initiative):
    return (
        ShareLink.objects.filter(initiative=initiative)
        .select_related("created_by")
        .prefetch_related("indicators")
        .annotate(use_count=Count("uses"), last_used=Max("uses__used_at"))
    )


def share_link_for_token(token: str) -> ShareLink | None:
    """The usable link a token names; None for an unknown, expired or revoked one."""
    link = (
        ShareLink.objects.usable()
        .filter(token=token)
        .select_related("initiative")
        .prefetch_related("indicators")
        .first()
    )
    return link


def shared_indicators(*, link: ShareLink):
    """The indicators a link shows: those it names, or every active one."""
    chosen = list(link.indicators.all())
    indicators = indicator_list(initiative=link.initiative)
    return indicators.filter(pk__in=[i.pk for i in chosen]) if chosen else indicators
