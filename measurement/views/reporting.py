"""The reporting plan and the matrix of who has reported."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.views import form_page
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
        back_url=reverse("measurement:reporting-plan", args=[slug]),
        back_label=_("Reporting plan"),
        template="measurement/reporting_plan_form.html",
    )
