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


def share_link_embed_origins(*, token: str) -> list[str]:
    """The sites that may frame the pages of the link a token names, usable or not: a link
    that stopped working still tells the frames of its sites so, instead of leaving them to
    the browser's refusal. None for an unknown token."""
    link = ShareLink.objects.filter(token=token).only("embed_origins").first()
    return link.allowed_origins if link else []


def shared_indicators(*, link: ShareLink):
    """The indicators a link shows: those it names, or every active one."""
    chosen = list(link.indicators.all())
    indicators = indicator_list(initiative=link.initiative)
    return indicators.filter(pk__in=[i.pk for i in chosen]) if chosen else indicators
