"""Entering and reviewing data: submissions, their values, comments and workflow."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import attempt, form_page
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
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
    ValueCommentForm,
)


def _start_form(request, initiative, data=None):
    return SubmissionStartForm(
        data,
        periods=selectors.period_list(initiative=initiative, newest_first=True),
        organizations=selectors.entry_organizations(user=request.user, initiative=initiative),
    )


@initiative_page("measurement/submission_list.html", perm=Perm.VIEW_SUBMISSIONS)
def submission_list(request: HttpRequest, initiative: Initiative) -> dict:
    status = request.GET.get("status") or None
    return {
        "submissions": selectors.submission_list(
            user=request.user, initiative=initiative, status=status
        ),
        "status": status,
        "status_choices": SubmissionStatus.choices,
        "start_form": _start_form(request, initiative)
        if roles.can(request.user, initiative, Perm.ENTER_DATA)
        else None,
    }


@initiative_page(perm=Perm.ENTER_DATA, post_only=True)
def submission_start(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = _start_form(request, initiative, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reporting period."))
        return redirect("measurement:submission-list", slug=initiative.slug)
    submission, _started = services.submission_start(
        actor=request.user, initiative=initiative, **form.cleaned_data
    )
    return redirect("measurement:submission-detail", slug=initiative.slug, pk=submission.pk)


@initiative_page("measurement/submission_detail.html", perm=Perm.VIEW_SUBMISSIONS)
def submission_detail(request: HttpRequest, initiative: Initiative, pk: int) -> dict:
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    return {
        "submission": submission,
        **_planned_first(selectors.submission_indicator_summary(submission=submission)),
        "checks": selectors.submission_checks(submission=submission),
        "comments": selectors.submission_comments(submission=submission),
        "history": selectors.submission_history(submission=submission),
        "comment_form": CommentForm(initiative=initiative),
        "return_form": ReturnForm(initiative=initiative),
        "unlock_form": UnlockForm(),
    }


@initiative_page("measurement/submission_values.html", perm=Perm.VIEW_SUBMISSIONS)
def submission_values(request: HttpRequest, initiative: Initiative, pk: int, code: str) -> dict:
    """One indicator's numbers in a submission, read-only, beside the organization's
    previous approved period: what reviewers review and partners sent."""
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    previous = selectors.previous_submission(submission=submission)
    checks = selectors.submission_checks(submission=submission)
    sections = selectors.submission_review_sections(
        submission=submission, indicator=indicator, previous=previous, checks=checks
    )
    return {
        "submission": submission,
        "indicator": indicator,
        "previous": previous,
        "sections": sections,
        "issues": checks.issues.get(indicator.pk, []),
        "comment_form": ValueCommentForm(
            initiative=initiative,
            initial={"indicator": indicator},
            cell_ids=[row.now.cell.pk for _section, rows in sections for row in rows],
        ),
    }


def _planned_first(indicators: list[dict]) -> dict:
    return {
        "planned": [row for row in indicators if row["planned"]],
        "unplanned": [row for row in indicators if not row["planned"]],
    }


def _values_form(request, initiative, pk, code):
    """The entry grid for one indicator of an editable submission the user may change."""
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    roles.require(request.user, initiative, Perm.ENTER_DATA, organization=submission.organization)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    form = IndicatorValuesForm(
        request.POST or None,
        indicator=indicator,
        sections=selectors.submission_entry_sections(submission=submission, indicator=indicator),
        breakdown=selectors.indicator_breakdown(indicator=indicator),
    )
    return submission, indicator, form


@initiative_page(perm=Perm.ENTER_DATA)
def submission_values_edit(
    request: HttpRequest, initiative: Initiative, pk: int, code: str
) -> HttpResponse:
    submission, indicator, form = _values_form(request, initiative, pk, code)
    if not submission.is_editable:
        messages.info(
            request,
            _("This submission is %(status)s and can no longer be changed.")
            % {"status": submission.get_status_display().lower()},
        )
        return redirect("measurement:submission-values", initiative.slug, pk, indicator.code)
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
        back_url=reverse("measurement:submission-detail", args=[initiative.slug, pk]),
        back_label=submission.organization.name,
        template="measurement/submission_values_form.html",
        context=lambda: {
            "submission": submission,
            "indicator": indicator,
            "totals": form.running_totals(_rule_check(submission, indicator)),
        },
    )


@initiative_page(perm=Perm.ENTER_DATA, post_only=True)
def submission_values_totals(
    request: HttpRequest, initiative: Initiative, pk: int, code: str
) -> HttpResponse:
    """The running totals of the entry grid, recomputed as the partner types (htmx)."""
    submission, indicator, form = _values_form(request, initiative, pk, code)
    return render(
        request,
        "measurement/partials/_entry_totals.html",
        {"totals": form.running_totals(_rule_check(submission, indicator)), "indicator": indicator},
    )


def _rule_check(submission, indicator):
    """What the initiative's rules say about numbers typed into the indicator's grid."""
    return lambda numbers: selectors.typed_rule_issues(
        submission=submission, indicator=indicator, numbers=numbers
    )


def _workflow_step(perm: Perm, step, done, what_form_says=lambda request, initiative: {}):
    """The view of one workflow step on a submission, for those who may ``perm``: it runs
    ``step(actor=, submission=, **what_form_says(request, initiative))`` and goes back to the
    submission with ``done``, or with why the step was refused."""

    @initiative_page(perm=perm, post_only=True)
    def step_view(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
        submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
        attempt(
            request,
            lambda: step(
                actor=request.user, submission=submission, **what_form_says(request, initiative)
            ),
            lambda: done,
        )
        back = request.POST.get("next", "")
        if back.startswith(reverse("measurement:submission-detail", args=[initiative.slug, pk])):
            return redirect(back)  # a page of this submission, such as one indicator's values
        return redirect("measurement:submission-detail", slug=initiative.slug, pk=pk)

    return step_view


def _comment(form, body_as: str) -> dict:
    """A comment form's body (under the service's name for it), indicator and group; an
    empty comment on none when the form is not valid, for the service to refuse."""
    about = form.cleaned_data if form.is_valid() else {"body": "", "indicator": None}
    return {body_as: about["body"], "indicator": about["indicator"], "cell": about.get("cell")}


def _unlock_reason(request, initiative) -> dict:
    form = UnlockForm(request.POST)
    return {"reason": form.cleaned_data["reason"] if form.is_valid() else ""}


submission_submit = _workflow_step(
    Perm.ENTER_DATA,
    services.submission_submit,
    gettext_lazy("Submitted. It now waits in the backbone team's review queue."),
)
submission_approve = _workflow_step(
    Perm.REVIEW_SUBMISSIONS,
    services.submission_approve,
    gettext_lazy("Approved. The results are being recomputed."),
)
submission_return = _workflow_step(
    Perm.REVIEW_SUBMISSIONS,
    services.submission_return,
    gettext_lazy("Returned to the partner with your comment."),
    lambda request, initiative: _comment(
        ReturnForm(request.POST, initiative=initiative), "comment"
    ),
)
submission_unlock = _workflow_step(
    Perm.UNLOCK_SUBMISSIONS,
    services.submission_unlock,
    gettext_lazy("Unlocked for correction. The period is being recomputed without it."),
    _unlock_reason,
)
submission_comment = _workflow_step(
    Perm.VIEW_SUBMISSIONS,
    services.submission_comment_create,
    gettext_lazy("Comment added."),
    lambda request, initiative: _comment(
        ValueCommentForm(request.POST, initiative=initiative), "body"
    ),
)


@initiative_page(perm=Perm.VIEW_SUBMISSIONS)
def submission_template(request: HttpRequest, initiative: Initiative, pk: int, file_format: str):
    """A file in the interchange format to fill in: the organization's indicators and
    cells for this period, with what was entered so far."""
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
