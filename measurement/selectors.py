"""Reads of shared measurement that feed pages, exports and the API.

Every read of submissions or results goes through here, and here alone is decided what a role
may see: partner roles see their own organization's submissions; restricted roles see
suppressed cells as suppressed, with no numbers.
"""

import io
from dataclasses import dataclass

import pandas as pd
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import roles
from initiatives.models import Initiative
from measurement import engine
from measurement.cells import parse_cell_key
from measurement.choices import RunStatus, SubmissionStatus
from measurement.models import (
    Category,
    Cell,
    ComputationRun,
    DataValue,
    Dimension,
    Indicator,
    IndicatorResult,
    ReportingPeriod,
    Submission,
    Target,
)

# ---- Indicators and cells ----


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return initiative.indicators.active().select_related("result")


def indicator_get(*, initiative: Initiative, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("result").prefetch_related(
            Prefetch("dimensions__categories", queryset=Category.objects.order_by("order"))
        ),
        initiative=initiative,
        code=code,
        is_active=True,
    )


def indicator_leaf_cells(*, indicator: Indicator) -> list[Cell]:
    """The cells a partner reports for the indicator: one category of every one of its
    dimensions (or the total alone when it has none), in the dimensions' display order."""
    dimension_codes = sorted(indicator.dimensions.values_list("code", flat=True))
    cells = Cell.objects.filter(
        initiative_id=indicator.initiative_id, dimension_set=";".join(dimension_codes)
    ).prefetch_related(
        Prefetch("categories", queryset=Category.objects.select_related("dimension"))
    )

    def display_order(cell: Cell):
        by_dimension = {c.dimension.code: c for c in cell.categories.all()}
        return [
            (by_dimension[code].dimension.order, by_dimension[code].order)
            for code in dimension_codes
        ]

    return sorted(cells, key=display_order)


def indicator_leaf_cell_ids(*, indicator: Indicator) -> set[int]:
    dimension_codes = sorted(indicator.dimensions.values_list("code", flat=True))
    return set(
        Cell.objects.filter(
            initiative_id=indicator.initiative_id, dimension_set=";".join(dimension_codes)
        ).values_list("id", flat=True)
    )


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


def submission_entry_rows(*, submission: Submission, indicator: Indicator) -> list[EntryRow]:
    entered = {
        v.cell_id: v for v in DataValue.objects.filter(submission=submission, indicator=indicator)
    }
    rows = []
    for cell in indicator_leaf_cells(indicator=indicator):
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
    return rows


def cell_label(cell: Cell) -> str:
    """ "Female · Arab", in the dimensions' order; uses prefetched categories."""
    categories = sorted(cell.categories.all(), key=lambda c: (c.dimension.order, c.dimension.code))
    return " · ".join(c.name for c in categories) or _("Total")


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
    WHERE s.initiative_id = %s AND s.status = %s {period_filter}
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
    *, initiative: Initiative, period: ReportingPeriod | None = None
) -> pd.DataFrame:
    """Approved data values in the engine's input shape: engine.VALUE_COLUMNS plus one
    column per dimension code with the category code, "" where not broken down."""
    params: list = [initiative.pk, SubmissionStatus.APPROVED]
    period_filter = ""
    if period is not None:
        period_filter = "AND s.period_id = %s"
        params.append(period.pk)
    query = _VALUE_QUERY.format(period_filter=period_filter)
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


def indicator_overview(*, audience, initiative: Initiative) -> list[dict]:
    """Each active indicator with its latest published total, in two queries."""
    indicators = list(indicator_list(initiative=initiative))
    latest: dict[int, IndicatorResult] = {}
    totals = (
        IndicatorResult.objects.initiative_wide()
        .totals()
        .filter(initiative=initiative)
        .select_related("period", "cell")
        .order_by("period__start")
    )
    for result in totals:
        latest[result.indicator_id] = result
    return [
        {
            "indicator": indicator,
            "latest": publish(latest[indicator.pk], audience) if indicator.pk in latest else None,
        }
        for indicator in indicators
    ]


EXPORT_NUMBERS = (
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "ratio_to_reference",
    "difference_from_reference",
)


def result_export_rows(*, audience, initiative: Initiative):
    """Rows of the results interchange format (design.md), masked for the audience:
    indicator, period, one column per dimension ("" = all), numbers, suppressed, the
    reference category and the gap to it, and the confidence interval."""
    dimension_codes = list(initiative.dimensions.values_list("code", flat=True))
    results = (
        IndicatorResult.objects.initiative_wide()
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
    for result in results.iterator(chunk_size=5000):
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
