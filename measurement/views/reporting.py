"""The reporting plan and the matrix of who has reported."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import attempt, form_flow, form_page
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from initiatives.selectors import partner_organizations
from measurement import selectors, services
from measurement.forms import (
    AssignmentForm,
    CompletenessRuleForm,
    MatrixFilterForm,
    PeriodCloseForm,
)


@initiative_page("measurement/reporting_matrix.html", perm=Perm.REVIEW_SUBMISSIONS)
def reporting_matrix(request: HttpRequest, initiative: Initiative) -> dict:
    """Who has reported what: organizations × periods, with each one's completeness."""
    filters = MatrixFilterForm(request.GET or None, initiative=initiative)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    today = timezone.localdate()
    # Built only when the cached table is stale (the template reads it inside its cache).
    matrix = SimpleLazyObject(
        lambda: selectors.reporting_matrix(
            initiative=initiative,
            today=today,
            status=chosen.get("status") or None,
            organization_id=chosen["organization"].pk if chosen.get("organization") else None,
            period_kind=chosen.get("period_kind") or None,
        )
    )
    version = selectors.completeness_version(initiative=initiative, today=today)
    return {"filters": filters, "table_version": version, "matrix": matrix}


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


@initiative_page(perm=Perm.REVIEW_SUBMISSIONS, post_perm=Perm.MANAGE_MEMBERS)
def period_completeness(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Each period's completeness per indicator, who is still missing, closing a period as
    final; a backbone admin sets when periods become final on their own."""
    form = CompletenessRuleForm(request.POST or None, instance=initiative)
    return form_flow(
        request,
        form,
        save=lambda: services.completeness_rule_set(
            actor=request.user,
            initiative=initiative,
            grace_days=form.cleaned_data["final_grace_days"],
            min_share=form.cleaned_data["final_min_share"],
        ),
        message=lambda _initiative: _("Saved when periods become final."),
        success_url=request.path,
        template="measurement/period_completeness.html",
        context=lambda: {
            "initiative": initiative,
            "periods": selectors.period_completeness(initiative=initiative),
            "may_set_rule": roles.can(request.user, initiative, Perm.MANAGE_MEMBERS),
            # The periods' tables, rendered once per version of what they show.
            "tables_version": selectors.completeness_version(
                initiative=initiative, today=timezone.localdate()
            ),
        },
    )


def _period_step(step, done, says=lambda request: {}):
    """A POST that closes or reopens one period with what its form ``says``, then back to
    the periods page."""

    @initiative_page(perm=Perm.REVIEW_SUBMISSIONS, post_only=True)
    def step_view(request: HttpRequest, initiative: Initiative, code: str) -> HttpResponse:
        period = get_object_or_404(selectors.period_list(initiative=initiative), code=code)
        attempt(
            request,
            lambda: step(actor=request.user, period=period, **says(request)),
            lambda: done % {"period": period.code},
        )
        return redirect("measurement:period-completeness", slug=initiative.slug)

    return step_view


def _closing_note(request) -> dict:
    form = PeriodCloseForm(request.POST)
    return {"note": form.cleaned_data["note"]} if form.is_valid() else {"note": ""}


period_close = _period_step(
    services.period_close,
    gettext_lazy("%(period)s is closed: its figures are final."),
    _closing_note,
)
period_reopen = _period_step(
    services.period_reopen,
    gettext_lazy("%(period)s is open again: the completeness rule decides when it is final."),
)
