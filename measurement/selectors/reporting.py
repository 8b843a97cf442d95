"""The reporting plan, the reporting matrix and completeness, and who owes data."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accounts.choices import Role
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
from initiatives.selectors import partner_organizations
from measurement.choices import (
    FREQUENCY_PERIOD_KIND,
    Frequency,
    MatrixStatus,
    SubmissionStatus,
)
from measurement.models import (
    Category,
    DataValue,
    ReportingAssignment,
    ReportingPeriod,
    Submission,
)
from measurement.selectors.completeness import completeness_version
from measurement.selectors.definitions import period_list

# A day at most: the version holds the day, so a key is never read after it anyway.
COMPLETENESS_CACHE_SECONDS = 60 * 60 * 24

# ---- Reporting plan and matrix ----


def assignment_plan(*, initiative: Initiative) -> list[dict]:
    """Every partner organization with the indicators it reports and how often."""
    assignments: dict[int, list[ReportingAssignment]] = {}
    for assignment in ReportingAssignment.objects.filter(initiative=initiative).select_related(
        "indicator"
    ):
        assignments.setdefault(assignment.organization_id, []).append(assignment)
    return [
        {"organization": organization, "assignments": assignments.get(organization.pk, [])}
        for organization in partner_organizations(initiative=initiative)
    ]


def _expected_kinds(initiative: Initiative) -> dict[int, set[str]]:
    """Per organization, the kinds of period it owes data for."""
    kinds: dict[int, set[str]] = {}
    for organization_id, frequency in ReportingAssignment.objects.filter(
        initiative=initiative
    ).values_list("organization_id", "frequency"):
        kinds.setdefault(organization_id, set()).add(FREQUENCY_PERIOD_KIND[Frequency(frequency)])
    return kinds


def matrix_status(submission: Submission | None, period: ReportingPeriod, today) -> str:
    """A matrix cell's status: the submission's, or overdue when it is late and not yet
    submitted, or not started."""
    if submission is None:
        return MatrixStatus.OVERDUE if period.is_past_due(today) else MatrixStatus.NOT_STARTED
    if submission.is_editable and period.is_past_due(today):
        return MatrixStatus.OVERDUE
    return submission.status


def reporting_matrix(
    *,
    initiative: Initiative,
    today,
    status: str | None = None,
    organization_id: int | None = None,
    period_kind: str | None = None,
) -> dict:
    """Organizations × periods with each cell's status and submission, and each
    organization's completeness, in a fixed number of queries."""
    periods = list(period_list(initiative=initiative))
    if period_kind:
        periods = [p for p in periods if p.kind == period_kind]
    expected = _expected_kinds(initiative)
    submissions = {
        (s.organization_id, s.period_id): s
        for s in Submission.objects.filter(initiative=initiative).only(
            "id", "organization_id", "period_id", "status"
        )
    }
    completeness = organization_completeness(initiative=initiative, today=today)
    rows = []
    for organization in partner_organizations(initiative=initiative):
        if organization_id and organization.pk != organization_id:
            continue
        cells = []
        for period in periods:
            submission = submissions.get((organization.pk, period.pk))
            owed = period.kind in expected.get(organization.pk, set())
            cell_status = matrix_status(submission, period, today) if (owed or submission) else None
            cells.append({"period": period, "submission": submission, "status": cell_status})
        if status and not any(cell["status"] == status for cell in cells):
            continue
        rows.append(
            {"organization": organization, "cells": cells, **completeness.get(organization.pk, {})}
        )
    return {"periods": periods, "rows": rows}


def organization_completeness(*, initiative: Initiative, today) -> dict[int, dict]:
    """Per organization: the share of the indicator-periods it owes (due by today) that it
    has delivered (submitted or approved), and the share of the people in its delivered
    breakdowns whose group is "unknown / not reported".

    Counting it scans every delivered value, so it is kept in the cache under the
    initiative's completeness version: a submission's status, the plan, the periods and
    the partnerships change that version (``measurement.signals``), and delivered values
    cannot change without a status changing first."""
    key = (
        f"organization-completeness:{initiative.pk}:"
        f"{completeness_version(initiative=initiative, today=today)}"
    )
    figures = cache.get(key)
    if figures is None:
        figures = _organization_completeness(initiative, today)
        cache.set(key, figures, COMPLETENESS_CACHE_SECONDS)
    return figures


def _organization_completeness(initiative: Initiative, today) -> dict[int, dict]:
    periods = [p for p in period_list(initiative=initiative) if p.is_past_due(today)]
    owed: dict[int, set] = {}
    for assignment in ReportingAssignment.objects.filter(initiative=initiative):
        kind = FREQUENCY_PERIOD_KIND[Frequency(assignment.frequency)]
        owed.setdefault(assignment.organization_id, set()).update(
            (assignment.indicator_id, p.pk) for p in periods if p.kind == kind
        )
    delivered_values = DataValue.objects.filter(
        submission__initiative=initiative,
        submission__status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED],
    )
    delivered: dict[int, set] = {}
    for organization_id, indicator_id, period_id in delivered_values.values_list(
        "submission__organization_id", "indicator_id", "submission__period_id"
    ).distinct():
        delivered.setdefault(organization_id, set()).add((indicator_id, period_id))
    size = Coalesce("denominator", "value")
    unknown_cell = Exists(Category.objects.filter(cells=OuterRef("cell"), is_unknown=True))
    people = {
        row["submission__organization_id"]: row
        for row in delivered_values.exclude(cell__key="")
        .values("submission__organization_id")
        .annotate(total=Sum(size), unknown=Sum(size, filter=Q(unknown_cell)))
    }
    figures = {}
    for organization_id in set(owed) | set(people):
        expected = owed.get(organization_id, set())
        row = people.get(organization_id, {})
        figures[organization_id] = {
            "reported_share": len(expected & delivered.get(organization_id, set())) / len(expected)
            if expected
            else None,
            "unknown_share": (row.get("unknown") or 0) / row["total"] if row.get("total") else None,
        }
    return figures


def organizations_owing(*, period: ReportingPeriod):
    """Organizations that owe data for the period and have not submitted it yet."""
    kinds = _expected_kinds(period.initiative)
    done = set(
        Submission.objects.filter(period=period)
        .exclude(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
        .values_list("organization_id", flat=True)
    )
    return [
        o
        for o in partner_organizations(initiative=period.initiative)
        if period.kind in kinds.get(o.pk, set()) and o.pk not in done
    ]


def partner_editors(*, initiative: Initiative, organization) -> QuerySet:
    """The people with an active account who enter the organization's data in the
    initiative: whom reminders and review decisions go to."""
    return (
        get_user_model()
        .objects.filter(
            memberships__initiative=initiative,
            memberships__organization=organization,
            memberships__role=Role.PARTNER_EDITOR,
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def reviewers(*, initiative: Initiative) -> QuerySet:
    """The backbone members with an active account who review submissions
    (``Perm.REVIEW_SUBMISSIONS``): whom the weekly review digest goes to."""
    return (
        get_user_model()
        .objects.filter(
            memberships__initiative=initiative,
            memberships__role__in=roles.roles_holding(Perm.REVIEW_SUBMISSIONS),
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


# ---- What waits for the backbone ----


def backbone_digest(*, initiative: Initiative, today) -> dict:
    """What waits for the backbone's reviewers on ``today``: submissions waiting for review
    (oldest first), each period past its due date with the organizations that owe it (as the
    matrix marks them Overdue), and returned submissions not sent again (oldest first)."""
    submissions = Submission.objects.filter(initiative=initiative).select_related(
        "organization", "period"
    )
    waiting = list(
        submissions.filter(status=SubmissionStatus.SUBMITTED).order_by(
            F("submitted_at").asc(nulls_first=True), "pk"
        )
    )
    returned = list(
        submissions.filter(status=SubmissionStatus.RETURNED).order_by(
            F("reviewed_at").asc(nulls_first=True), "pk"
        )
    )
    kinds = _expected_kinds(initiative)
    delivered = set(
        submissions.exclude(
            status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
        ).values_list("organization_id", "period_id")
    )
    organizations = list(partner_organizations(initiative=initiative))
    overdue = []
    for period in period_list(initiative=initiative):
        if not period.is_past_due(today):
            continue
        owing = [
            o
            for o in organizations
            if period.kind in kinds.get(o.pk, set()) and (o.pk, period.pk) not in delivered
        ]
        if owing:
            overdue.append({"period": period, "organizations": owing})
    return {
        "waiting": waiting,
        "overdue": overdue,
        "returned": returned,
        "is_empty": not (waiting or overdue or returned),
    }
