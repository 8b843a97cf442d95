from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.roles import Perm
from initiatives.selectors import partner_organizations
from measurement import charts, selectors, services
from measurement.choices import SubmissionStatus
from measurement.forms import (
    CategoryFormSet,
    DimensionForm,
    IndicatorForm,
    IndicatorValuesForm,
    PeriodForm,
    ReturnForm,
    SubmissionStartForm,
    TargetFormSet,
)
from measurement.models import Dimension, Indicator

# ---- Dashboards ----


@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    overview = selectors.indicator_overview(
        audience=roles.audience_for(request.user, initiative), initiative=initiative
    )
    return render(
        request,
        "measurement/indicator_list.html",
        {
            "initiative": initiative,
            "overview": overview,
            "computed_at": selectors.results_computed_at(initiative=initiative),
        },
    )


@login_required
def indicator_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    series = selectors.indicator_total_series(
        audience=roles.audience_for(request.user, initiative), indicator=indicator
    )
    context = {
        "initiative": initiative,
        "indicator": indicator,
        "series": series,
        "figure": charts.trend_figure(indicator, series, rtl=get_language_bidi()),
        "figure_text": charts.trend_text_alternative(indicator, series),
        "computed_at": selectors.results_computed_at(initiative=initiative),
    }
    return render(request, "measurement/indicator_detail.html", context)


# ---- Submissions ----


def _start_form(request, initiative, data=None):
    organization = roles.organization_of(request.user, initiative)
    organizations = partner_organizations(initiative=initiative)
    if organization is not None:
        organizations = organizations.filter(pk=organization.pk)
    return SubmissionStartForm(
        data,
        periods=selectors.period_list(initiative=initiative, newest_first=True),
        organizations=organizations,
    )


@login_required
def submission_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    status = request.GET.get("status") or None
    context = {
        "initiative": initiative,
        "submissions": selectors.submission_list(
            user=request.user, initiative=initiative, status=status
        ),
        "status": status,
        "status_choices": SubmissionStatus.choices,
        "start_form": _start_form(request, initiative)
        if roles.can(request.user, initiative, Perm.ENTER_DATA)
        else None,
    }
    return render(request, "measurement/submission_list.html", context)


@login_required
@require_POST
def submission_start(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    form = _start_form(request, initiative, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reporting period."))
        return redirect("measurement:submission-list", slug=slug)
    submission = services.submission_start(
        actor=request.user, initiative=initiative, **form.cleaned_data
    )
    return redirect("measurement:submission-detail", slug=slug, pk=submission.pk)


@login_required
def submission_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    context = {
        "initiative": initiative,
        "submission": submission,
        "indicators": selectors.submission_indicator_summary(submission=submission),
        "return_form": ReturnForm(),
    }
    return render(request, "measurement/submission_detail.html", context)


@login_required
def submission_values_edit(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    roles.require(request.user, initiative, Perm.ENTER_DATA, organization=submission.organization)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    if not submission.is_editable:
        messages.info(
            request,
            _("This submission is %(status)s and can no longer be changed.")
            % {"status": submission.get_status_display().lower()},
        )
        return redirect("measurement:submission-detail", slug=slug, pk=pk)
    rows = selectors.submission_entry_rows(submission=submission, indicator=indicator)
    form = IndicatorValuesForm(request.POST or None, indicator=indicator, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_values_save(
                actor=request.user,
                submission=submission,
                indicator=indicator,
                values=form.values_by_cell(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(indicator)s.") % {"indicator": indicator})
            return redirect("measurement:submission-detail", slug=slug, pk=pk)
    return render(
        request,
        "measurement/submission_values_form.html",
        {"initiative": initiative, "submission": submission, "indicator": indicator, "form": form},
        status=400 if form.errors else 200,
    )


def _transition(request, slug, pk, perm, action, success_message):
    """Run one workflow step on a submission and go back to it, with the outcome as a
    message. Shared by submit, approve and return."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=perm)
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    try:
        action(submission)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)
    return redirect("measurement:submission-detail", slug=slug, pk=pk)


@login_required
@require_POST
def submission_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _transition(
        request,
        slug,
        pk,
        Perm.ENTER_DATA,
        lambda s: services.submission_submit(actor=request.user, submission=s),
        _("Submitted for review. The backbone team has been told."),
    )


@login_required
@require_POST
def submission_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _transition(
        request,
        slug,
        pk,
        Perm.REVIEW_SUBMISSIONS,
        lambda s: services.submission_approve(actor=request.user, submission=s),
        _("Approved. The results are being recomputed."),
    )


@login_required
@require_POST
def submission_return(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _transition(
        request,
        slug,
        pk,
        Perm.REVIEW_SUBMISSIONS,
        lambda s: services.submission_return(actor=request.user, submission=s, comment=comment),
        _("Returned to the partner with your comment."),
    )


# ---- Computations ----


@login_required
def computation_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    return render(
        request,
        "measurement/computation_list.html",
        {"initiative": initiative, **selectors.computation_runs(initiative=initiative)},
    )


@login_required
@require_POST
def computation_start(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    services.computation_request(
        initiative=initiative, requested_by=request.user, reason=_("Full recompute")
    )
    messages.success(request, _("A full recompute has been queued."))
    return redirect("measurement:computation-list", slug=slug)


# ---- Definitions (backbone staff) ----


def _formset_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


@login_required
def definitions(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    context = {
        "initiative": initiative,
        "period_form": PeriodForm(),
        **selectors.definitions_overview(initiative=initiative),
    }
    return render(request, "measurement/definitions.html", context)


@login_required
def dimension_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    dimension = selectors.dimension_get(initiative=initiative, code=code) if code else None
    instance = dimension or Dimension(initiative=initiative)
    form = DimensionForm(request.POST or None, instance=instance)
    formset = CategoryFormSet(request.POST or None, instance=instance, prefix="categories")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.dimension_save(
                actor=request.user,
                initiative=initiative,
                dimension=dimension,
                fields=form.cleaned_data,
                categories=_formset_rows(formset),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": form.cleaned_data["name_en"]})
            return redirect("measurement:definitions", slug=slug)
    return render(
        request,
        "measurement/dimension_form.html",
        {"initiative": initiative, "dimension": dimension, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def indicator_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    indicator = selectors.indicator_get_for_edit(initiative=initiative, code=code) if code else None
    instance = indicator or Indicator(initiative=initiative)
    form = IndicatorForm(request.POST or None, instance=instance, initiative=initiative)
    formset = TargetFormSet(
        request.POST or None,
        instance=instance,
        prefix="targets",
        initiative=initiative,
        groups=selectors.target_groups(indicator=indicator, initiative=initiative),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.indicator_save(
                actor=request.user,
                initiative=initiative,
                indicator=indicator,
                fields=dict(form.cleaned_data),
                targets=_formset_rows(formset),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": form.cleaned_data["name_en"]})
            return redirect("measurement:definitions", slug=slug)
    return render(
        request,
        "measurement/indicator_form.html",
        {"initiative": initiative, "indicator": indicator, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def period_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.MANAGE_CONTENT)
    period = selectors.period_get(initiative=initiative, pk=pk) if pk else None
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_save(
                actor=request.user, initiative=initiative, period=period, fields=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(code)s.") % {"code": form.cleaned_data["code"]})
            return redirect("measurement:definitions", slug=slug)
    return render(
        request,
        "measurement/period_form.html",
        {"initiative": initiative, "period": period, "form": form},
        status=400 if request.method == "POST" else 200,
    )
