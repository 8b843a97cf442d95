from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.roles import Perm
from initiatives.selectors import partner_organizations
from measurement import charts, selectors, services
from measurement.choices import SubmissionStatus, UploadStatus
from measurement.datafiles import XLSX_CONTENT_TYPE, expected_header, values_xlsx, write_rows_csv
from measurement.forms import (
    AssignmentForm,
    CategoryFormSet,
    CommentForm,
    CrosswalkForm,
    DimensionForm,
    IndicatorForm,
    IndicatorValuesForm,
    MatrixFilterForm,
    PeriodForm,
    ReturnForm,
    SubmissionStartForm,
    TargetFormSet,
    UnlockForm,
    UploadForm,
)
from measurement.models import CategoryCrosswalk, Dimension, Indicator

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
        "comments": selectors.submission_comments(submission=submission),
        "history": selectors.submission_history(submission=submission),
        "comment_form": CommentForm(initiative=initiative),
        "return_form": ReturnForm(initiative=initiative),
        "unlock_form": UnlockForm(),
    }
    return render(request, "measurement/submission_detail.html", context)


def _values_form(request, slug, pk, code):
    """The entry grid for one indicator of an editable submission the user may change."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    roles.require(request.user, initiative, Perm.ENTER_DATA, organization=submission.organization)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    form = IndicatorValuesForm(
        request.POST or None,
        indicator=indicator,
        sections=selectors.submission_entry_sections(submission=submission, indicator=indicator),
        breakdown=selectors.indicator_breakdown(indicator=indicator),
    )
    return initiative, submission, indicator, form


@login_required
def submission_values_edit(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    initiative, submission, indicator, form = _values_form(request, slug, pk, code)
    if not submission.is_editable:
        messages.info(
            request,
            _("This submission is %(status)s and can no longer be changed.")
            % {"status": submission.get_status_display().lower()},
        )
        return redirect("measurement:submission-detail", slug=slug, pk=pk)
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
        {
            "initiative": initiative,
            "submission": submission,
            "indicator": indicator,
            "form": form,
            "totals": form.running_totals(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def submission_values_totals(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    """The running totals of the entry grid, recomputed as the partner types (htmx)."""
    *_context, indicator, form = _values_form(request, slug, pk, code)
    return render(
        request,
        "measurement/partials/_entry_totals.html",
        {"totals": form.running_totals(), "indicator": indicator},
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
        _("Submitted. It now waits in the backbone team's review queue."),
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
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.REVIEW_SUBMISSIONS)
    form = ReturnForm(request.POST, initiative=initiative)
    about = form.cleaned_data if form.is_valid() else {"body": "", "indicator": None}
    return _transition(
        request,
        slug,
        pk,
        Perm.REVIEW_SUBMISSIONS,
        lambda s: services.submission_return(
            actor=request.user, submission=s, comment=about["body"], indicator=about["indicator"]
        ),
        _("Returned to the partner with your comment."),
    )


@login_required
@require_POST
def submission_unlock(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    form = UnlockForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _transition(
        request,
        slug,
        pk,
        Perm.UNLOCK_SUBMISSIONS,
        lambda s: services.submission_unlock(actor=request.user, submission=s, reason=reason),
        _("Unlocked for correction. The period is being recomputed without it."),
    )


@login_required
@require_POST
def submission_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    form = CommentForm(request.POST, initiative=initiative)
    about = form.cleaned_data if form.is_valid() else {"body": "", "indicator": None}
    return _transition(
        request,
        slug,
        pk,
        Perm.VIEW_SUBMISSIONS,
        lambda s: services.submission_comment_add(
            actor=request.user, submission=s, body=about["body"], indicator=about["indicator"]
        ),
        _("Comment added."),
    )


@login_required
def submission_template(request: HttpRequest, slug: str, pk: int, file_format: str):
    """A file in the interchange format to fill in: the organization's indicators and
    cells for this period, with what was entered so far."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    header = expected_header(initiative).split(",")
    rows = selectors.template_rows(submission=submission)
    name = f"{initiative.slug}-{submission.organization.code}-{submission.period.code}"
    if file_format == "xlsx":
        response = HttpResponse(values_xlsx(header, rows), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that spreadsheet programs read it as UTF-8
        write_rows_csv(response, header, rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


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


# ---- Uploads ----


def _organizations_for_entry(request, initiative):
    organization = roles.organization_of(request.user, initiative)
    organizations = partner_organizations(initiative=initiative)
    return organizations.filter(pk=organization.pk) if organization else organizations


@login_required
def upload_new(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        organizations=_organizations_for_entry(request, initiative),
    )
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = services.upload_check(
            actor=request.user,
            initiative=initiative,
            organization=form.cleaned_data["organization"],
            filename=file.name,
            content=file.read(),
        )
        return redirect("measurement:upload-detail", slug=slug, pk=upload.pk)
    return render(
        request,
        "measurement/upload_form.html",
        {"initiative": initiative, "form": form, "header": expected_header(initiative)},
        status=400 if form.errors else 200,
    )


@login_required
def upload_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The check of an uploaded file: every problem by row and column, or what saving it
    will write."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.VIEW_SUBMISSIONS)
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    return render(
        request,
        "measurement/upload_detail.html",
        {
            "initiative": initiative,
            "upload": upload,
            "form": UploadForm(organizations=_organizations_for_entry(request, initiative)),
        },
    )


def _upload_action(request, slug, pk, action, message):
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    upload = selectors.upload_get(user=request.user, initiative=initiative, pk=pk)
    try:
        action(upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("measurement:upload-detail", slug=slug, pk=pk)
    upload.refresh_from_db()
    if upload.status == UploadStatus.REJECTED:  # the definitions changed meanwhile
        return redirect("measurement:upload-detail", slug=slug, pk=pk)
    messages.success(request, message)
    return redirect("measurement:submission-list", slug=slug)


@login_required
@require_POST
def upload_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _upload_action(
        request,
        slug,
        pk,
        lambda u: services.upload_save(actor=request.user, upload=u),
        _("Saved into your drafts. Check them, then submit each period for review."),
    )


@login_required
@require_POST
def upload_discard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _upload_action(
        request,
        slug,
        pk,
        lambda u: services.upload_discard(actor=request.user, upload=u),
        _("The file was discarded; nothing was saved."),
    )


# ---- Category crosswalks ----


@login_required
def crosswalk_list(request: HttpRequest, slug: str) -> HttpResponse:
    """How an organization's own files name our categories. Partner editors manage their
    own organization's; backbone staff choose the organization."""
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    organizations = _organizations_for_entry(request, initiative)
    organization = organizations.filter(code=request.GET.get("organization")).first() or (
        organizations.first()
    )
    form = CrosswalkForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid() and organization is not None:
        try:
            services.crosswalk_add(
                actor=request.user,
                initiative=initiative,
                organization=organization,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. Your next uploads will understand it."))
            return redirect(f"{request.path}?organization={organization.code}")
    return render(
        request,
        "measurement/crosswalk_list.html",
        {
            "initiative": initiative,
            "organization": organization,
            "organizations": organizations,
            "form": form,
            "crosswalks": selectors.crosswalk_list(organization=organization)
            if organization
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def crosswalk_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = roles.get_initiative_for_user(request.user, slug, perm=Perm.ENTER_DATA)
    organizations = _organizations_for_entry(request, initiative)
    crosswalk = get_object_or_404(CategoryCrosswalk, pk=pk, organization__in=organizations)
    services.crosswalk_delete(actor=request.user, initiative=initiative, crosswalk=crosswalk)
    messages.success(request, _("Removed."))
    return redirect(
        f"{reverse('measurement:crosswalk-list', args=[slug])}"
        f"?organization={crosswalk.organization.code}"
    )


# ---- Reporting plan and matrix ----


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
