"""Reads for computations: the engine's input (definitions and approved values, read with
COPY), the stored stage-A results, and the runs.
"""

import io

import pandas as pd
from django.db import connection
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from initiatives.models import Initiative
from measurement import engine, statistics
from measurement.cells import parse_cell_key
from measurement.choices import RunStatus, SubmissionStatus
from measurement.models import (
    Cell,
    ComputationRun,
    ComputedResult,
    ReportingPeriod,
    Target,
)
from measurement.selectors.definitions import dimension_codes
from measurement.selectors.disclosure import disclosure_policy

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
        policy=disclosure_policy(initiative=initiative),
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
    codes = dimension_codes(initiative=initiative)
    rows = []
    for cell_id, key in Cell.objects.filter(initiative=initiative).values_list("id", "key"):
        parts = parse_cell_key(key)
        rows.append([cell_id, *(parts.get(code, "") for code in codes)])
    return pd.DataFrame(rows, columns=["cell_id", *codes])


def stored_results_frame(*, initiative: Initiative, exclude_period=None) -> pd.DataFrame:
    """Stage-A results already computed, in the engine's shape, so that an incremental run
    can recompute one period and still give every period its time statistics."""
    results = ComputedResult.objects.initiative_wide().filter(initiative=initiative)
    if exclude_period is not None:
        results = results.exclude(period=exclude_period)
    columns = [c for c in engine.STAGE_A_COLUMNS if c not in ("cell_key", "dimension_set")]
    rows = results.values_list(*columns, "cell__key", "cell__dimension_set")
    frame = pd.DataFrame.from_records(list(rows), columns=[*columns, "cell_key", "dimension_set"])
    for column in statistics.RESULT_COLUMNS:
        if column.stage == statistics.Stage.AGGREGATE and column.type is float:
            frame[column.name] = frame[column.name].astype("float64")
    return frame[engine.STAGE_A_COLUMNS]


def results_computation_run(*, initiative: Initiative) -> ComputationRun | None:
    """The run that last computed the figures on the dashboards, or None."""
    return (
        ComputationRun.objects.filter(initiative=initiative, status=RunStatus.SUCCEEDED)
        .select_related("period")
        .order_by("-finished_at")
        .first()
    )


def results_computed_at(*, initiative: Initiative):
    """When the figures on the dashboards were last computed, or None."""
    run = results_computation_run(initiative=initiative)
    return run.finished_at if run else None


def computation_runs(*, initiative: Initiative, limit: int = 20) -> dict:
    """The latest runs, and whether any is still queued or running (the page then polls)."""
    runs = list(
        ComputationRun.objects.filter(initiative=initiative).select_related(
            "period", "requested_by"
        )[:limit]
    )
    return {"runs": runs, "runs_in_progress": any(not run.is_finished for run in runs)}


def computation_run_list(*, initiative: Initiative) -> QuerySet[ComputationRun]:
    """Every run of the initiative, newest first."""
    return (
        ComputationRun.objects.filter(initiative=initiative)
        .select_related("period")
        .order_by("-created_at", "-id")
    )


def computation_run_get(*, initiative: Initiative, pk: int) -> ComputationRun:
    return get_object_or_404(ComputationRun, initiative=initiative, pk=pk)


def computation_queue_note(*, initiative: Initiative) -> str:
    """What to add to "the results are being recomputed" when the initiative's request could
    not reach the task queue: nothing otherwise."""
    if ComputationRun.objects.filter(initiative=initiative, status=RunStatus.WAITING).exists():
        return gettext(
            "The task queue cannot be reached just now: the recomputation is recorded and "
            "will run as soon as the queue is back."
        )
    return ""
