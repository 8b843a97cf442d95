"""Entering and reviewing data: submissions, their values, comments and workflow."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import attempt, form_flow, form_page
from initiatives import roles
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.choices import SubmissionStatus
from measurement.datafiles import expected_header
from measurement.exports import XLSX_CONTENT_TYPE, Sheet, workbook, write_rows_csv
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


def _enterable(request, initiative, pk):
    """A submission the user may see and enter data for (404, then 403)."""
    submission = selectors.submission_get(user=request.user, initiative=initiative, pk=pk)
    roles.require(request.user, initiative, Perm.ENTER_DATA, organization=submission.organization)
    return submission


def _no_longer_editable(request, submission) -> bool:
    """Whether the submission can no longer be changed; if so the partner is told why."""
    if submission.is_editable:
        return False
    messages.info(
        request,
        _("This submission is %(status)s and can no longer be changed.")
        % {"status": submission.get_status_display().lower()},
    )
    return True


def _entry_grid(submission, indicator, data=None, prefix=None) -> IndicatorValuesForm:
    """One indicator's entry grid, with what the submission holds; bound to ``data`` when it
    was posted. On the page of every indicator each grid is prefixed with its code."""
    return IndicatorValuesForm(
        data,
        prefix=prefix,
        indicator=indicator,
        sections=selectors.submission_entry_sections(submission=submission, indicator=indicator),
        breakdown=selectors.indicator_breakdown(indicator=indicator),
    )


def _grid_save(request, submission, indicator, form):
    """Saving one grid, on either page, through the one service."""
    return lambda: services.submission_values_save(
        actor=request.user,
        submission=submission,
        indicator=indicator,
        values=form.values_by_cell(),
    )


def _grid_saved(indicator):
    return lambda _changed: _("Saved %(indicator)s.") % {"indicator": indicator}


def _values_form(request, initiative, pk, code, prefixed=False):
    """The entry grid for one indicator of a submission the user may change; ``prefixed`` as
    on the page of every indicator."""
    submission = _enterable(request, initiative, pk)
    indicator = selectors.indicator_get(initiative=initiative, code=code)
    form = _entry_grid(
        submission, indicator, request.POST or None, prefix=indicator.code if prefixed else None
    )
    return submission, indicator, form


@initiative_page(perm=Perm.ENTER_DATA)
def submission_values_edit(
    request: HttpRequest, initiative: Initiative, pk: int, code: str
) -> HttpResponse:
    submission, indicator, form = _values_form(request, initiative, pk, code)
    if _no_longer_editable(request, submission):
        return redirect("measurement:submission-values", initiative.slug, pk, indicator.code)
    return form_page(
        request,
        form,
        save=_grid_save(request, submission, indicator, form),
        message=_grid_saved(indicator),
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
    """The running totals of the entry grid, recomputed as the partner types (htmx); with
    ``?grid=1``, of that indicator's grid on the page of every indicator."""
    grid = "grid" in request.GET
    submission, indicator, form = _values_form(request, initiative, pk, code, prefixed=grid)
    return render(
        request,
        "measurement/partials/_entry_totals.html",
        {
            "totals": form.running_totals(_rule_check(submission, indicator)),
            "indicator": indicator,
            "grid": grid,
        },
    )


def _rule_check(submission, indicator, rules=None):
    """What the initiative's rules (``rules``, if already read) say about numbers typed into
    the indicator's grid."""
    return lambda numbers: selectors.typed_rule_issues(
        submission=submission, indicator=indicator, numbers=numbers, rules=rules
    )


# ---- Every indicator of a period on one page ----


@initiative_page(perm=Perm.ENTER_DATA)
def submission_entry(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    """The grids of every indicator in the organization's reporting plan on one page (with
    ``?all=1`` every indicator's), each saved on its own — Save, or Save and next — and the
    page shown again at that grid; a refused grid keeps what was typed in it."""
    submission = _enterable(request, initiative, pk)
    if _no_longer_editable(request, submission):
        return redirect("measurement:submission-detail", initiative.slug, pk)
    everything = bool(request.GET.get("all"))
    shown, unplanned = _entry_indicators(submission, everything)
    posted = _posted_indicator(request, initiative, shown)
    grids = [
        _entry_grid(submission, each, request.POST if each == posted else None, prefix=each.code)
        for each in shown
    ]
    page = reverse("measurement:submission-entry", args=[initiative.slug, pk])
    page += "?all=1" if everything else ""
    # On a GET no grid was posted: form_flow only renders the page.
    form = grids[shown.index(posted)] if posted else None
    return form_flow(
        request,
        form,
        save=_grid_save(request, submission, posted, form),
        message=_grid_saved(posted),
        success_url=lambda _changed: f"{page}#indicator-{_anchored(request, shown, posted).code}",
        template="measurement/submission_entry.html",
        context=lambda: {
            "initiative": initiative,
            "submission": submission,
            "page_url": page,
            "grids": _grids(submission, shown, grids),
            "unplanned": unplanned,
        },
    )


def _entry_indicators(submission, everything: bool) -> tuple[list, list]:
    """The indicators whose grids the page shows — the planned ones, or ``everything`` — and
    the summary rows of those it offers on request."""
    rows = _planned_first(selectors.submission_indicator_summary(submission=submission))
    shown = rows["planned"] + (rows["unplanned"] if everything else [])
    return [row["indicator"] for row in shown], [] if everything else rows["unplanned"]


def _posted_indicator(request, initiative, shown: list):
    """The indicator whose grid was posted (added to those shown when it is not among them),
    or None on a GET."""
    if request.method != "POST":
        return None
    indicator = selectors.indicator_get(initiative=initiative, code=request.POST.get("indicator"))
    if indicator not in shown:
        shown.append(indicator)
    return indicator


def _anchored(request, shown: list, posted):
    """The grid the page comes back to once ``posted`` is saved: the next one for Save and
    next (while there is one), else the same."""
    following = shown[shown.index(posted) + 1 :] if "next" in request.POST else []
    return following[0] if following else posted


def _grids(submission, indicators: list, forms: list) -> list[dict]:
    rules = selectors.rules_by_indicator([i.pk for i in indicators])
    return [
        {
            "indicator": indicator,
            "form": form,
            "totals": form.running_totals(
                _rule_check(submission, indicator, rules.get(indicator.pk, []))
            ),
            "last": indicator == indicators[-1],
        }
        for indicator, form in zip(indicators, forms, strict=True)
    ]


def _workflow_step(
    perm: Perm, step, done, what_form_says=lambda request, initiative: {}, recomputes=False
):
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
            lambda: _said(done, initiative, recomputes),
        )
        back = request.POST.get("next", "")
        if back.startswith(reverse("measurement:submission-detail", args=[initiative.slug, pk])):
            return redirect(back)  # a page of this submission, such as one indicator's values
        return redirect("measurement:submission-detail", slug=initiative.slug, pk=pk)

    return step_view


def _said(done, initiative: Initiative, recomputes: bool) -> str:
    """A step's message; after a step that recomputes, and whose request still waits for the
    task queue, also that it does."""
    note = selectors.computation_queue_note(initiative=initiative) if recomputes else ""
    return f"{done} {note}".strip()


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
    recomputes=True,
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
    recomputes=True,
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
        response = HttpResponse(
            workbook(Sheet(_("Values"), header, rows)), content_type=XLSX_CONTENT_TYPE
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that spreadsheet programs read it as UTF-8
        write_rows_csv(response, header, rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
