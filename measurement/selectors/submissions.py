"""Reads of submissions: who sees which (partner roles their own organization's), their
entry grid, values, comments and history.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives import roles
from initiatives.models import Initiative
from initiatives.selectors import partner_organizations
from measurement.choices import SubmissionStatus
from measurement.models import (
    Category,
    Cell,
    DataValue,
    Indicator,
    ReportingAssignment,
    Submission,
    SubmissionComment,
)
from measurement.selectors.definitions import (
    EntrySection,
    cell_label,
    indicator_entry_sections,
    indicator_list,
)
from measurement.validation import figure_of

# ---- Submissions ----


def entry_organizations(*, user, initiative: Initiative):
    """The organizations the user may enter data for: their own for partner roles, every
    partner for backbone roles."""
    organization = roles.organization_of(user, initiative)
    organizations = partner_organizations(initiative=initiative)
    return organizations.filter(pk=organization.pk) if organization else organizations


def submission_list(*, user, initiative: Initiative, status: str | None = None):
    """Submissions the user may see: all of them for backbone roles, their own
    organization's for partner roles."""
    organization = roles.submission_organization_scope(user, initiative)
    submissions = Submission.objects.for_initiative(initiative).select_related(
        "organization", "period"
    )
    if organization is not None:
        submissions = submissions.for_organization(organization)
    if status:
        submissions = submissions.filter(status=status)
    return submissions


def submission_get(*, user, initiative: Initiative, pk: int) -> Submission:
    """404 for a submission the user may not see, whether or not it exists."""
    try:
        return submission_list(user=user, initiative=initiative).get(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class EntryRow:
    """One line of the entry grid: a cell, its label, and the numbers entered so far."""

    cell: Cell
    label: str
    numerator: float | None
    denominator: float | None
    value: float | None


def submission_entry_sections(
    *, submission: Submission, indicator: Indicator
) -> list[tuple[EntrySection, list[EntryRow]]]:
    entered = {
        v.cell_id: v for v in DataValue.objects.filter(submission=submission, indicator=indicator)
    }
    sections = []
    for section in indicator_entry_sections(indicator=indicator):
        rows = []
        for cell in section.cells:
            value = entered.get(cell.pk)
            rows.append(
                EntryRow(
                    cell=cell,
                    label=cell_label(cell),
                    numerator=value.numerator if value else None,
                    denominator=value.denominator if value else None,
                    value=value.value if value else None,
                )
            )
        sections.append((section, rows))
    return sections


@dataclass(frozen=True)
class ReviewRow:
    """One line of a submission's values as a reviewer reads them: this period's numbers,
    the same organization's previous approved ones, and the figure each makes (a rate in
    percent, a count, an average)."""

    now: EntryRow
    before: EntryRow | None
    indicator: Indicator
    issues: tuple = ()
    """The backbone's rules this row breaks (``review.CheckedIssue``)."""
    outlier: bool = False
    """Whether the figure stands out from the organization's own history."""
    comments: tuple = ()
    """The comments on this row's group of the indicator."""

    @property
    def figure(self) -> float | None:
        return _figure(self.indicator, self.now)

    @property
    def figure_before(self) -> float | None:
        return _figure(self.indicator, self.before) if self.before else None

    @property
    def change(self) -> float | None:
        """The figure's change since the previous period (percentage points for a rate in
        percent)."""
        if self.figure is None or self.figure_before is None:
            return None
        return self.figure - self.figure_before


def _figure(indicator: Indicator, row: EntryRow) -> float | None:
    numbers = {"numerator": row.numerator, "denominator": row.denominator, "value": row.value}
    return figure_of(indicator.kind, indicator.scale, numbers)


def previous_submission(*, submission: Submission) -> Submission | None:
    """What a reviewer compares a submission with: the organization's latest approved
    submission for an earlier period of the same kind."""
    return (
        Submission.objects.filter(
            initiative_id=submission.initiative_id,
            organization_id=submission.organization_id,
            status=SubmissionStatus.APPROVED,
            period__kind=submission.period.kind,
            period__start__lt=submission.period.start,
        )
        .select_related("period")
        .order_by("-period__start")
        .first()
    )


def submission_review_sections(
    *,
    submission: Submission,
    indicator: Indicator,
    previous: Submission | None,
    checks=None,
) -> list[tuple[EntrySection, list[ReviewRow]]]:
    """The entry grid's blocks, read-only, each row beside the previous submission's, with
    the rules it breaks and whether it is an outlier (``checks``, a
    ``review.SubmissionChecks``) and the comments on its group."""
    comments: dict[str, list] = {}
    for comment in SubmissionComment.objects.filter(
        submission=submission, indicator=indicator, cell__isnull=False
    ).select_related("author", "cell"):
        comments.setdefault(comment.cell.key, []).append(comment)
    outliers = checks.outliers.get(indicator.pk, set()) if checks else set()
    before = (
        {
            row.cell.pk: row
            for _section, rows in submission_entry_sections(
                submission=previous, indicator=indicator
            )
            for row in rows
        }
        if previous
        else {}
    )
    return [
        (
            section,
            [
                ReviewRow(
                    now=row,
                    before=before.get(row.cell.pk),
                    indicator=indicator,
                    issues=tuple(checks.for_cell(indicator.pk, row.cell.key)) if checks else (),
                    outlier=row.cell.key in outliers,
                    comments=tuple(comments.get(row.cell.key, ())),
                )
                for row in rows
            ],
        )
        for section, rows in submission_entry_sections(submission=submission, indicator=indicator)
    ]


def submission_with_values(*, submission: Submission) -> Submission:
    """The submission with its values of active indicators — those its page lists — ready
    to show value by value."""
    values = DataValue.objects.filter(indicator__in=Indicator.objects.active()).select_related(
        "indicator", "cell"
    )
    return (
        Submission.objects.select_related("organization", "period")
        .prefetch_related(Prefetch("values", queryset=values))
        .get(pk=submission.pk)
    )


def submission_indicator_summary(*, submission: Submission) -> list[dict]:
    """For each active indicator: how many cells the submission reports, and whether it is
    in the organization's reporting plan (every indicator is, for an organization without
    one; so is any indicator it has reported, so that no number is out of sight)."""
    counts: dict[int, int] = {}
    for indicator_id in submission.values.values_list("indicator_id", flat=True):
        counts[indicator_id] = counts.get(indicator_id, 0) + 1
    plan = set(
        ReportingAssignment.objects.filter(
            initiative_id=submission.initiative_id, organization_id=submission.organization_id
        ).values_list("indicator_id", flat=True)
    )
    return [
        {
            "indicator": indicator,
            "cells_reported": counts.get(indicator.pk, 0),
            "planned": not plan or indicator.pk in plan or indicator.pk in counts,
        }
        for indicator in indicator_list(initiative=submission.initiative)
    ]


# ---- Comments and history ----


def submission_comments(*, submission: Submission):
    return submission.comments.select_related("author", "indicator", "cell").prefetch_related(
        Prefetch("cell__categories", queryset=Category.objects.select_related("dimension"))
    )


@dataclass(frozen=True)
class HistoryEvent:
    """One change to a submission or one of its numbers: who, when, before and after."""

    when: datetime
    who: User | None
    what: str
    before: str
    after: str
    reason: str


def submission_history(*, submission: Submission) -> list[HistoryEvent]:
    """Every change to the submission's status and values, newest first, from the audit
    trail kept by django-simple-history, in a fixed number of queries."""
    events = []
    statuses = list(submission.history.select_related("history_user").order_by("history_date"))
    previous = None
    for record in statuses:
        if previous is None or record.status != previous.status:
            events.append(
                HistoryEvent(
                    record.history_date,
                    record.history_user,
                    _("Status"),
                    previous.get_status_display() if previous else "",
                    record.get_status_display(),
                    record.history_change_reason or "",
                )
            )
        previous = record
    records = (
        DataValue.history.filter(submission_id=submission.pk)
        .select_related("history_user")
        .order_by("id", "history_date")
    )
    cells = {
        c.pk: c
        for c in Cell.objects.filter(pk__in={r.cell_id for r in records}).prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("dimension"))
        )
    }
    indicators = dict(
        Indicator.objects.filter(initiative=submission.initiative).values_list("pk", "name")
    )
    last: dict[int, object] = {}
    for record in records:
        before = last.get(record.id)
        events.append(
            HistoryEvent(
                record.history_date,
                record.history_user,
                f"{indicators.get(record.indicator_id, '')} · {cell_label(cells[record.cell_id])}"
                if record.cell_id in cells
                else indicators.get(record.indicator_id, ""),
                numbers_text(before) if before is not None and record.history_type != "+" else "",
                "" if record.history_type == "-" else numbers_text(record),
                record.history_change_reason or "",
            )
        )
        last[record.id] = record
    return sorted(events, key=lambda e: e.when, reverse=True)


def numbers_text(record) -> str:
    """A cell's numbers as the history and the upload preview write them: "35 / 40" for a
    numerator and denominator, "n 20 3.5" for an average and its n, "7" for a count."""
    parts = []
    if record.numerator is not None:
        parts.append(f"{record.numerator:g}")
    if record.denominator is not None:
        parts.append(f"/ {record.denominator:g}" if parts else f"n {record.denominator:g}")
    if record.value is not None:
        parts.append(f"{record.value:g}")
    return " ".join(parts)
