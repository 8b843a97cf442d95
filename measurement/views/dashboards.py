"""Dashboards: the scorecard, an indicator's page and the equity gaps, as each role may see
them. Their contexts are built by measurement.pages, which share links (views/share.py) use
too, with the funder's audience.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from conditions import selectors as conditions_selectors
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.selectors import partner_organizations
from measurement import selectors
from measurement.pages import (
    gaps_context,
    indicator_context,
    overview_context,
    results_download,
    scorecard_download,
)

# ---- Pages ----


@initiative_page("measurement/indicator_list.html")
def indicator_list(request: HttpRequest, initiative: Initiative) -> dict:
    """The initiative's scorecard: every result and its indicators, and the largest gaps, as
    of the latest period or the one asked for."""
    context = overview_context(
        roles.audience_for(request.user, initiative),
        initiative,
        include_provisional=request.GET.get("periods") == "all",
        period=request.GET.get("period"),
    )
    return {**context}


@initiative_page()
def scorecard(request: HttpRequest, initiative: Initiative, file_format: str):
    """The scorecard as the page shows it, as a file."""
    return scorecard_download(
        roles.audience_for(request.user, initiative),
        initiative,
        file_format,
        include_provisional=request.GET.get("periods") == "all",
        period=request.GET.get("period"),
    )


def _organization_part(request, initiative):
    """The partner whose part the user asked for (?organization=code), if they may see it."""
    code = request.GET.get("organization")
    if not code:
        return None
    organization = partner_organizations(initiative=initiative).filter(code=code).first()
    if organization is None:
        raise Http404
    if not roles.may_see_organization_part(request.user, initiative, organization):
        raise PermissionDenied
    return organization


def _part_and_audience(request, initiative):
    """The partner whose part was asked for, if any, and the audience the figures are
    published to: the user's, narrowed to that part."""
    organization = _organization_part(request, initiative)
    if organization is None:
        return None, roles.audience_for(request.user, initiative)
    return organization, roles.audience_for_organization_part(
        request.user, initiative, organization
    )


def _organization_choices(request, initiative):
    return [
        o
        for o in partner_organizations(initiative=initiative)
        if roles.may_see_organization_part(request.user, initiative, o)
    ]


@initiative_page("measurement/indicator_detail.html")
def indicator_detail(request: HttpRequest, initiative: Initiative, code: str) -> dict:
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    organization, audience = _part_and_audience(request, initiative)
    context = indicator_context(
        audience, indicator, dimension_code=request.GET.get("dimension"), organization=organization
    )
    return {
        **context,
        "organization_choices": _organization_choices(request, initiative),
        "curve_version": conditions_selectors.turn_the_curve_latest(indicator=indicator),
    }


@initiative_page()
def indicator_results(request: HttpRequest, initiative: Initiative, code: str, file_format: str):
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    organization, audience = _part_and_audience(request, initiative)
    return results_download(audience, initiative, indicator, file_format, organization)


@initiative_page("measurement/equity_gaps.html")
def equity_gaps(request: HttpRequest, initiative: Initiative) -> dict:
    """Every disaggregated indicator's gaps in one table, sortable by size and movement."""
    context = gaps_context(roles.audience_for(request.user, initiative), initiative, request)
    return {**context}
