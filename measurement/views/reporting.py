"""The reporting plan and the matrix of who has reported."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.views import form_page
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from initiatives.selectors import partner_organizations
from measurement import selectors, services
from measurement.forms import (
    AssignmentForm,
    MatrixFilterForm,
)


@initiative_page("measurement/reporting_matrix.html", perm=Perm.REVIEW_SUBMISSIONS)
def reporting_matrix(request: HttpRequest, initiative: Initiative) -> dict:
    """Who has reported what: organizations × periods, with each one's completeness."""
    filters = MatrixFilterForm(request.GET or None, initiative=initiative)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    matrix = selectors.reporting_matrix(
        initiative=initiative,
        today=timezone.localdate(),
        status=chosen.get("status") or None,
        organization_id=chosen["organization"].pk if chosen.get("organization") else None,
        period_kind=chosen.get("period_kind") or None,
    )
    return {"filters": filters, **matrix}


@initiative_page("measurement/reporting_plan.html", perm=Perm.REVIEW_SUBMISSIONS)
def reporting_plan(request: HttpRequest, initiative: Initiative) -> dict:
    return {"plan": selectors.assignment_plan(initiative=initiative)}


@initiative_page(perm=Perm.REVIEW_SUBMISSIONS)
def reporting_plan_edit(request: HttpRequest, initiative: Initiative, code: str) -> HttpResponse:
    organization = get_object_or_404(partner_organizations(initiative=initiative), code=code)
    form = AssignmentForm(
        request.POST or None,
        indicators=selectors.indicator_list(initiative=initiative),
        assignments=organization.reporting_assignments.filter(initiative=initiative),
    )
    return form_page(
        request,
        form,
        save=lambda: services.assignment_set(
            actor=request.user,
            initiative=initiative,
            organization=organization,
            frequencies=form.frequencies(),
        ),
        message=lambda _assignments: (
            _("Saved the reporting plan of %(organization)s.") % {"organization": organization}
        ),
        initiative=initiative,
        heading=organization.name,
        back_url=reverse("measurement:reporting-plan", args=[initiative.slug]),
        back_label=_("Reporting plan"),
        template="measurement/reporting_plan_form.html",
    )
