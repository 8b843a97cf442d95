"""The reporting plan and the matrix of who has reported."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.roles import Perm
from initiatives.selectors import partner_organizations
from measurement import selectors, services
from measurement.forms import (
    AssignmentForm,
    MatrixFilterForm,
)


@login_required
def reporting_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """Who has reported what: organizations × periods, with each one's completeness."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    filters = MatrixFilterForm(request.GET or None, initiative=initiative)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    matrix = selectors.reporting_matrix(
        initiative=initiative,
        today=timezone.localdate(),
        status=chosen.get("status") or None,
        organization_id=chosen["organization"].pk if chosen.get("organization") else None,
        period_kind=chosen.get("period_kind") or None,
    )
    return render(
        request,
        "measurement/reporting_matrix.html",
        {"initiative": initiative, "filters": filters, **matrix},
    )


@login_required
def reporting_plan(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    return render(
        request,
        "measurement/reporting_plan.html",
        {"initiative": initiative, "plan": selectors.assignment_plan(initiative=initiative)},
    )


@login_required
def reporting_plan_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    organization = get_object_or_404(partner_organizations(initiative=initiative), code=code)
    form = AssignmentForm(
        request.POST or None,
        indicators=selectors.indicator_list(initiative=initiative),
        assignments=organization.reporting_assignments.filter(initiative=initiative),
    )
    if request.method == "POST" and form.is_valid():
        services.assignment_set(
            actor=request.user,
            initiative=initiative,
            organization=organization,
            frequencies=form.frequencies(),
        )
        messages.success(
            request,
            _("Saved the reporting plan of %(organization)s.") % {"organization": organization},
        )
        return redirect("measurement:reporting-plan", slug=slug)
    return render(
        request,
        "measurement/reporting_plan_form.html",
        {"initiative": initiative, "organization": organization, "form": form},
    )
