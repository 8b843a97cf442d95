"""Reads of shared measurement that feed pages, exports and the API.

Every read of submissions or results goes through here, and here alone is decided what a role
may see: partner roles see their own organization's submissions; restricted roles see
suppressed cells as suppressed, with no numbers.
"""

import io
from dataclasses import dataclass

import pandas as pd
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.choices import Role
from initiatives import roles
from initiatives.models import Initiative
from initiatives.selectors import partner_organizations
from measurement import engine
from measurement.cells import parse_cell_key
from measurement.choices import Frequency, MatrixStatus, PeriodKind, RunStatus, SubmissionStatus
from measurement.models import (
    Category,
    CategoryCrosswalk,
    Cell,
    ComputationRun,
    DataValue,
    Dimension,
    Indicator,
    IndicatorResult,
    ReportingAssignment,
    ReportingPeriod,
    ShareLink,
    Submission,
    Target,
    Upload,
)

# ---- Indicators and cells ----


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return initiative.indicators.active().select_related("result")


def indicator_get(*, initiative: Initiative, code: str) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("result"),
        initiative=initiative,
        code=code,
        is_active=True,
    )
    indicator.initiative = initiative  # already loaded: spare pages a query
    return indicator


@dataclass(frozen=True)
class EntrySection:
    """A block of the entry grid: the total, the groups of one dimension, or the full
    breakdown by every dimension. Partners fill the blocks they have numbers for."""

    title: str
    dimension_set: str
    cells: list[Cell]


def indicator_entry_sections(*, indicator: Indicator) -> list[EntrySection]:
    dimensions = list(indicator.dimensions.order_by("order", "code"))
    sets = {"": _("Total")}
    for dimension in dimensions:
        sets[dimension.code] = _("By %(dimension)s") % {"dimension": dimension.name}
    if len(dimensions) > 1:
        names = [d.name for d in dimensions]
        sets[";".join(sorted(d.code for d in dimensions))] = _("By %(dimensions)s and %(last)s") % {
            "dimensions": ", ".join(names[:-1]),
            "last": names[-1],
        }
    cells = Cell.objects.filter(
        initiative_id=indicator.initiative_id, dimension_set__in=list(sets)
    ).prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("dimension"))
    )
    by_set: dict[str, list[Cell]] = {}
    for cell in cells:
        by_set.setdefault(cell.dimension_set, []).append(cell)
    order = {d.code: d.order for d in dimensions}

    def display_order(cell: Cell):
        return sorted(
            (order[c.dimension.code], c.dimension.code, c.order) for c in cell.categories.all()
        )

    return [
        EntrySection(title, dimension_set, sorted(by_set[dimension_set], key=display_order))
        for dimension_set, title in sets.items()
        if dimension_set in by_set
    ]


def indicator_breakdown(*, indicator: Indicator) -> tuple[dict, dict]:
    """What the consistency rules need: {dimension code: (category codes in order,
    overlapping)} and labels for dimensions and single-category cells."""
    dimensions, labels = {}, {}
    for dimension in indicator.dimensions.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("order", "code"))
    ):
        categories = list(dimension.categories.all())
        dimensions[dimension.code] = ([c.code for c in categories], dimension.overlapping)
        labels[dimension.code] = dimension.name
        labels.update({f"{dimension.code}={c.code}": c.name for c in categories})
    return dimensions, labels


def indicator_entry_cell_ids(*, indicator: Indicator) -> set[int]:
    return {
        cell.pk
        for section in indicator_entry_sections(indicator=indicator)
        for cell in section.cells
    }


def entry_organizations(*, user, initiative: Initiative):
    """The organizations the user may enter data for: their own for partner roles, every
    partner for backbone roles."""
    organization = roles.organization_of(user, initiative)
    organizations = partner_organizations(initiative=initiative)
    return organizations.filter(pk=organization.pk) if organization else organizations


def period_get(*, initiative: Initiative, pk: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, initiative=initiative, pk=pk)


def period_list(*, initiative: Initiative, newest_first: bool = False):
    periods = ReportingPeriod.objects.filter(initiative=initiative)
    return periods.order_by("-start") if newest_first else periods.order_by("start")


# ---- Submissions ----


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


def cell_label(cell: Cell) -> str:
    """ "Female · Arab", in the dimensions' order; uses prefetched categories."""
    categories = sorted(cell.categories.all(), key=lambda c: (c.dimension.order, c.dimension.code))
    return " · ".join(c.name for c in categories) or _("Total")


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
    """For each active indicator: how many cells the submission reports."""
    counts: dict[int, int] = {}
    for indicator_id in submission.values.values_list("indicator_id", flat=True):
        counts[indicator_id] = counts.get(indicator_id, 0) + 1
    return [
        {"indicator": indicator, "cells_reported": counts.get(indicator.pk, 0)}
        for indicator in indicator_list(initiative=submission.initiative)
    ]


# ---- Engine input ----


def engine_definitions(*, initiative: Initiative) -> engine.Definitions:
    """Everything the engine needs to know about the initiative's definitions."""
    dimensions = {}
    for dimension in initiative.dimensions.prefetch_related("categories"):
        categories = list(dimension.categories.all())
        dimensions[dimension.code] = engine.DimensionSpec(
            code=dimension.code,
            categories=tuple(c.code for c in categories),
            reference=next((c.code for c in categories if c.is_reference), None),
            unknown=next((c.code for c in categories if c.is_unknown), None),
            overlapping=dimension.overlapping,
        )
    indicators = {
        indicator.pk: engine.IndicatorSpec(
            id=indicator.pk,
            kind=indicator.kind,
            dimensions=tuple(sorted(d.code for d in indicator.dimensions.all())),
            scale=indicator.scale if indicator.is_rate else 1,
            higher_is_better=indicator.higher_is_better,
            baseline_period_id=indicator.baseline_period_id,
            baseline_value=indicator.baseline_value,
        )
        for indicator in initiative.indicators.prefetch_related("dimensions")
    }
    periods = {
        period.pk: (period.kind, period.start.toordinal())
        for period in ReportingPeriod.objects.filter(initiative=initiative)
    }
    targets = pd.DataFrame.from_records(
        list(
            Target.objects.filter(indicator__initiative=initiative).values_list(
                "indicator_id", "period_id", "cell__key", "value"
            )
        ),
        columns=["indicator_id", "period_id", "cell_key", "value"],
    )
    return engine.Definitions(
        indicators=indicators,
        dimensions=dimensions,
        threshold=initiative.suppression_threshold,
        periods=periods,
        targets=targets,
    )


_VALUE_QUERY = """
    SELECT dv.indicator_id, s.period_id, s.organization_id, dv.cell_id,
           dv.numerator, dv.denominator, dv.value
    FROM measurement_datavalue dv
    JOIN measurement_submission s ON s.id = dv.submission_id
    WHERE s.initiative_id = %s AND s.status = %s {filters}
"""
_RAW_COLUMNS = [
    "indicator_id",
    "period_id",
    "organization_id",
    "cell_id",
    "numerator",
    "denominator",
    "value",
]


def approved_values_frame(
    *, initiative: Initiative, period: ReportingPeriod | None = None, organization=None
) -> pd.DataFrame:
    """Approved data values in the engine's input shape: engine.VALUE_COLUMNS plus one
    column per dimension code with the category code, "" where not broken down. Optionally
    only one period's, or one organization's."""
    params: list = [initiative.pk, SubmissionStatus.APPROVED]
    filters = ""
    if period is not None:
        filters += " AND s.period_id = %s"
        params.append(period.pk)
    if organization is not None:
        filters += " AND s.organization_id = %s"
        params.append(organization.pk)
    query = _VALUE_QUERY.format(filters=filters)
    if connection.vendor == "postgresql":
        raw = _read_with_copy(query, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            raw = pd.DataFrame.from_records(cursor.fetchall(), columns=_RAW_COLUMNS)
    for column in ("numerator", "denominator", "value"):
        raw[column] = raw[column].astype("float64")
    cells = _cell_dimension_frame(initiative)
    frame = raw.merge(cells, on="cell_id", how="left").drop(columns=["cell_id"])
    for code in cells.columns.drop("cell_id"):
        frame[code] = frame[code].fillna("")
    return frame


def _read_with_copy(query: str, params: list) -> pd.DataFrame:
    """COPY is several times faster than a cursor for a million rows."""
    from psycopg import sql

    # COPY takes no bound parameters; psycopg quotes the literals.
    statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT CSV)").format(
        sql.SQL(query.replace("%s", "{}")).format(*map(sql.Literal, params))
    )
    buffer = io.BytesIO()
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return pd.read_csv(
        buffer,
        header=None,
        names=_RAW_COLUMNS,
        dtype={
            "indicator_id": "int64",
            "period_id": "int64",
            "organization_id": "int64",
            "cell_id": "int64",
            "numerator": "float64",
            "denominator": "float64",
            "value": "float64",
        },
    )


def _cell_dimension_frame(initiative: Initiative) -> pd.DataFrame:
    codes = list(initiative.dimensions.values_list("code", flat=True))
    rows = []
    for cell_id, key in Cell.objects.filter(initiative=initiative).values_list("id", "key"):
        parts = parse_cell_key(key)
        rows.append([cell_id, *(parts.get(code, "") for code in codes)])
    return pd.DataFrame(rows, columns=["cell_id", *codes])


def stored_results_frame(*, initiative: Initiative, exclude_period=None) -> pd.DataFrame:
    """Stage-A results already computed, in the engine's shape, so that an incremental run
    can recompute one period and still give every period its time statistics."""
    results = IndicatorResult.objects.initiative_wide().filter(initiative=initiative)
    if exclude_period is not None:
        results = results.exclude(period=exclude_period)
    columns = [c for c in engine.STAGE_A_COLUMNS if c not in ("cell_key", "dimension_set")]
    rows = results.values_list(*columns, "cell__key", "cell__dimension_set")
    frame = pd.DataFrame.from_records(list(rows), columns=[*columns, "cell_key", "dimension_set"])
    for column in (
        "numerator",
        "denominator",
        "value",
        "n",
        "ci_low",
        "ci_high",
        "ratio_to_reference",
        "difference_from_reference",
        "ratio_to_best",
        "difference_from_best",
    ):
        frame[column] = frame[column].astype("float64")
    return frame[engine.STAGE_A_COLUMNS]


# ---- Results, masked per audience ----

# Fields that a restricted audience loses when the cell, its reference group, its baseline
# or a point of its trend is suppressed — each would give a hidden number away.
_CELL_FIELDS = (
    "numerator",
    "denominator",
    "value",
    "n",
    "ci_low",
    "ci_high",
    "ratio_to_reference",
    "difference_from_reference",
    "gap_significant",
    "ratio_to_best",
    "difference_from_best",
    "baseline",
    "change_since_baseline",
    "progress_to_target",
    "progress_to_group_target",
    "trend_slope",
    "trend",
)
_REFERENCE_FIELDS = ("ratio_to_reference", "difference_from_reference", "gap_significant")
_BASELINE_FIELDS = (
    "baseline",
    "change_since_baseline",
    "progress_to_target",
    "progress_to_group_target",
)
_TREND_FIELDS = ("trend_slope", "trend")
RESULT_FIELDS = (*_CELL_FIELDS, "target", "group_target", "reference_key", "best_key")


@dataclass(frozen=True)
class PublishedResult:
    """A computed figure as this audience may see it.

    For a suppressed cell every number is None and ``suppressed`` is True; a cell nobody
    reported has no PublishedResult at all; a true zero is 0. ``figures`` holds the
    statistics (see RESULT_FIELDS), masked the same way."""

    period: ReportingPeriod
    cell_key: str
    suppressed: bool
    figures: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["figures"][name]
        except KeyError:
            raise AttributeError(name) from None


def publish(result: IndicatorResult, audience: roles.Audience) -> PublishedResult:
    """The one place where suppression is applied to a result."""
    figures = {name: getattr(result, name) for name in RESULT_FIELDS}
    if not audience.unsuppressed:
        hidden: tuple[str, ...] = ()
        if result.is_suppressed:
            hidden = _CELL_FIELDS
        else:
            if result.reference_suppressed:
                hidden += _REFERENCE_FIELDS
            if result.baseline_suppressed:
                hidden += _BASELINE_FIELDS
            if result.trend_suppressed:
                hidden += _TREND_FIELDS
        for name in hidden:
            figures[name] = None
    if figures["trend"] == "":
        figures["trend"] = None
    return PublishedResult(
        period=result.period,
        cell_key=result.cell.key,
        suppressed=result.is_suppressed,
        figures=figures,
    )


def indicator_total_series(*, audience, indicator: Indicator) -> list[PublishedResult]:
    """The initiative-wide total of the indicator for every computed period, oldest first."""
    results = (
        IndicatorResult.objects.initiative_wide()
        .totals()
        .filter(indicator=indicator)
        .select_related("period", "cell")
        .order_by("period__start")
    )
    return [publish(r, audience) for r in results]


EXPORT_NUMBERS = (
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "ratio_to_reference",
    "difference_from_reference",
)


def initiative_results(*, initiative: Initiative):
    """Every stored initiative-wide result of the active indicators, in the order exports and
    the API list them: indicator, period, breakdown. Unmasked: pass them through
    ``publish``."""
    return (
        IndicatorResult.objects.initiative_wide()
        .of_active_indicators()
        .filter(initiative=initiative)
        .select_related("indicator", "period", "cell")
        .order_by(
            "indicator__order",
            "indicator__code",
            "period__start",
            "cell__dimension_set",
            "cell__key",
        )
    )


def result_export_rows(*, audience, initiative: Initiative, indicator=None, results=None):
    """Rows of the results interchange format (design.md), masked for the audience:
    indicator, period, one column per dimension ("" = all), numbers, suppressed, the
    reference category and the gap to it, and the confidence interval. Every stored
    initiative-wide result, one indicator's, or the given (computed) ``results``."""
    dimension_codes = list(initiative.dimensions.values_list("code", flat=True))
    if results is None:
        results = initiative_results(initiative=initiative)
        if indicator is not None:
            results = results.filter(indicator=indicator)
        results = results.iterator(chunk_size=5000)
    for result in results:
        published = publish(result, audience)
        parts = parse_cell_key(result.cell.key)
        reference = parse_cell_key(published.reference_key or "")
        yield {
            "indicator": result.indicator.code,
            "period": result.period.code,
            **{code: parts.get(code, "") for code in dimension_codes},
            **{name: getattr(published, name) for name in EXPORT_NUMBERS},
            "suppressed": published.suppressed,
            "reference_category": ";".join(reference.values()),
        }


def results_computed_at(*, initiative: Initiative):
    """When the figures on the dashboards were last computed, or None."""
    run = (
        ComputationRun.objects.filter(initiative=initiative, status=RunStatus.SUCCEEDED)
        .order_by("-finished_at")
        .first()
    )
    return run.finished_at if run else None


def computation_runs(*, initiative: Initiative, limit: int = 20) -> dict:
    """The latest runs, and whether any is still queued or running (the page then polls)."""
    runs = list(
        ComputationRun.objects.filter(initiative=initiative).select_related(
            "period", "requested_by"
        )[:limit]
    )
    return {"runs": runs, "runs_in_progress": any(not run.is_finished for run in runs)}


# ---- Definitions (backbone staff) ----


def definitions_overview(*, initiative: Initiative) -> dict:
    return {
        "dimensions": initiative.dimensions.prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("order", "code"))
        ),
        "indicators": initiative.indicators.select_related(
            "result", "baseline_period"
        ).prefetch_related("dimensions", "targets"),
        "periods": period_list(initiative=initiative, newest_first=True),
    }


def dimension_get(*, initiative: Initiative, code: str) -> Dimension:
    return get_object_or_404(Dimension, initiative=initiative, code=code)


def indicator_get_for_edit(*, initiative: Initiative, code: str) -> Indicator:
    return get_object_or_404(Indicator, initiative=initiative, code=code)


def target_groups(*, indicator: Indicator | None, initiative: Initiative):
    """Cells a target can be set for: everyone, or one group of one of the indicator's
    dimensions (targeted universalism sets group targets along one dimension at a time)."""
    dimension_codes = (
        list(indicator.dimensions.values_list("code", flat=True))
        if (indicator and indicator.pk)
        else []
    )
    return (
        Cell.objects.filter(initiative=initiative)
        .filter(Q(key="") | Q(dimension_set__in=dimension_codes))
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("dimension"))
        )
        .order_by("dimension_set", "key")
    )


# ---- Reporting plan and matrix ----

FREQUENCY_PERIOD_KIND = {
    Frequency.YEARLY: PeriodKind.YEAR,
    Frequency.SCHOOL_YEARLY: PeriodKind.SCHOOL_YEAR,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.MONTHLY: PeriodKind.MONTH,
}


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
        kinds.setdefault(organization_id, set()).add(FREQUENCY_PERIOD_KIND[frequency])
    return kinds


def _is_due(period: ReportingPeriod, today) -> bool:
    return (period.due_date or period.end) < today


def matrix_status(submission: Submission | None, period: ReportingPeriod, today) -> str:
    """A matrix cell's status: the submission's, or overdue when it is late and not yet
    submitted, or not started."""
    if submission is None:
        return MatrixStatus.OVERDUE if _is_due(period, today) else MatrixStatus.NOT_STARTED
    if submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED) and _is_due(
        period, today
    ):
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
    breakdowns whose group is "unknown / not reported"."""
    periods = [p for p in period_list(initiative=initiative) if _is_due(p, today)]
    owed: dict[int, set] = {}
    for assignment in ReportingAssignment.objects.filter(initiative=initiative):
        kind = FREQUENCY_PERIOD_KIND[assignment.frequency]
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


def partner_editor_emails(*, initiative: Initiative, organization) -> list[str]:
    return list(
        initiative.memberships.filter(
            organization=organization, role=Role.PARTNER_EDITOR, user__is_active=True
        ).values_list("user__email", flat=True)
    )


# ---- Comments and history ----


def submission_comments(*, submission: Submission):
    return submission.comments.select_related("author", "indicator", "cell").prefetch_related(
        Prefetch("cell__categories", queryset=Category.objects.select_related("dimension"))
    )


@dataclass(frozen=True)
class HistoryEvent:
    """One change to a submission or one of its numbers: who, when, before and after."""

    when: object
    who: object
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
                _numbers_text(before) if before is not None and record.history_type != "+" else "",
                "" if record.history_type == "-" else _numbers_text(record),
                record.history_change_reason or "",
            )
        )
        last[record.id] = record
    return sorted(events, key=lambda e: e.when, reverse=True)


def _numbers_text(record) -> str:
    parts = []
    if record.numerator is not None:
        parts.append(f"{record.numerator:g}")
    if record.denominator is not None:
        parts.append(f"/ {record.denominator:g}" if parts else f"n {record.denominator:g}")
    if record.value is not None:
        parts.append(f"{record.value:g}")
    return " ".join(parts)


# ---- Uploads and crosswalks ----


def crosswalk_list(*, initiative: Initiative, organization):
    return (
        CategoryCrosswalk.objects.in_initiative(initiative)
        .filter(organization=organization)
        .select_related("dimension", "category")
    )


def crosswalk_get(*, user, initiative: Initiative, pk: int) -> CategoryCrosswalk:
    """A crosswalk of this initiative for an organization whose data the user enters; 404
    otherwise — also for the same organization's crosswalks in another initiative."""
    organizations = entry_organizations(user=user, initiative=initiative)
    return get_object_or_404(
        CategoryCrosswalk.objects.in_initiative(initiative).select_related("organization"),
        pk=pk,
        organization__in=organizations,
    )


def crosswalk_map(*, initiative: Initiative, organization) -> dict[str, dict[str, str]]:
    """{dimension code: {their code: our category code}} for reading their files."""
    mapping: dict[str, dict[str, str]] = {}
    for crosswalk in crosswalk_list(initiative=initiative, organization=organization):
        mapping.setdefault(crosswalk.dimension.code, {})[crosswalk.source_code] = (
            crosswalk.category.code
        )
    return mapping


def upload_summary(*, initiative: Initiative, checked) -> list[dict]:
    """What saving a checked file would write: values per indicator and period."""
    names = dict(initiative.indicators.values_list("pk", "name"))
    counts = checked.frame.groupby(["indicator_id", "period_code"]).size()
    return [
        {"indicator": names[indicator_id], "period": period, "values": int(count)}
        for (indicator_id, period), count in counts.items()
    ]


def upload_get(*, user, initiative: Initiative, pk: int) -> Upload:
    """An upload of an organization the user may see; 404 otherwise."""
    organization = roles.submission_organization_scope(user, initiative)
    uploads = Upload.objects.filter(initiative=initiative).select_related("organization")
    if organization is not None:
        uploads = uploads.filter(organization=organization)
    return get_object_or_404(uploads, pk=pk)


def template_rows(*, submission: Submission) -> list[dict]:
    """Rows of the interchange format for the organization's indicators in this period: its
    assigned indicators (every active one when it has no plan), one row per cell of the full
    breakdown, with the numbers already entered."""
    initiative = submission.initiative
    indicators = list(
        indicator_list(initiative=initiative)
        .filter(assignments__organization=submission.organization)
        .distinct()
    ) or list(indicator_list(initiative=initiative))
    codes = list(initiative.dimensions.values_list("code", flat=True))
    rows = []
    for indicator in indicators:
        entered = {
            v.cell_id: v
            for v in DataValue.objects.filter(submission=submission, indicator=indicator)
        }
        for cell in indicator_entry_sections(indicator=indicator)[-1].cells:
            value = entered.get(cell.pk)
            parts = cell.parts()
            rows.append(
                {
                    "indicator": indicator.code,
                    "period": submission.period.code,
                    "organization": submission.organization.code,
                    **{code: parts.get(code, "") for code in codes},
                    **{
                        field: getattr(value, field) if value else None
                        for field in ("numerator", "denominator", "value")
                    },
                }
            )
    return rows


# ---- Share links ----


def share_link_list(*, initiative: Initiative):
    return (
        ShareLink.objects.filter(initiative=initiative)
        .select_related("created_by")
        .prefetch_related("indicators")
        .annotate(use_count=Count("uses"), last_used=Max("uses__used_at"))
    )


def share_link_for_token(token: str) -> ShareLink | None:
    """The usable link a token names; None for an unknown, expired or revoked one."""
    link = (
        ShareLink.objects.usable()
        .filter(token=token)
        .select_related("initiative")
        .prefetch_related("indicators")
        .first()
    )
    return link


def shared_indicators(*, link: ShareLink):
    """The indicators a link shows: those it names, or every active one."""
    chosen = list(link.indicators.all())
    indicators = indicator_list(initiative=link.initiative)
    return indicators.filter(pk__in=[i.pk for i in chosen]) if chosen else indicators
