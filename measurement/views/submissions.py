"""Entering and reviewing data: submissions, their values, comments and workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import form_page
from initiatives import roles
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.choices import SubmissionStatus
from measurement.datafiles import expected_header
from measurement.exports import XLSX_CONTENT_TYPE, values_xlsx, write_rows_csv
from measurement.forms import (
    CommentForm,
    IndicatorValuesForm,
    ReturnForm,
    SubmissionStartForm,
    UnlockForm,
)


def _start_form(request, initiative, data=None):
    return SubmissionStartForm(
        data,
        periods=selectors.period_list(initiative=initiative, newest_first=True),
        organizations=selectors.entry_organizations(user=request.user, initiative=initiative),
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
    return form_page(
        request,
        form,
        save=lambda: services.submission_values_save(
            actor=request.user,
            submission=submission,
            indicator=indicator,
            values=form.values_by_cell(),
        ),
        message=lambda _changed: _("Saved %(indicator)s.") % {"indicator": indicator},
        initiative=initiative,
        heading=indicator.name,
        back_url=reverse("measurement:submission-detail", args=[slug, pk]),
        back_label=submission.organization.name,
        template="measurement/submission_values_form.html",
        context=lambda: {
            "submission": submission,
            "indicator": indicator,
            "totals": form.running_totals(),
        },
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
        lambda s: services.submission_comment_create(
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
