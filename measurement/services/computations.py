"""Computation runs: request one, and execute it — read the approved data, run the engine,
replace the stored results.
"""

import io
import logging
import traceback
from contextlib import contextmanager

import pandas as pd
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from measurement import dashboard_cache, engine, selectors, statistics
from measurement.choices import (
    RunStatus,
)
from measurement.models import (
    ComputationRun,
    ComputedResult,
    DimensionDisparity,
    ReportingPeriod,
)
from measurement.services.definitions import cells_for_keys

logger = logging.getLogger(__name__)


# ---- Computations ----


def computation_request(
    *,
    initiative: Initiative,
    period: ReportingPeriod | None = None,
    requested_by=None,
    reason: str = "",
    enqueue: bool = True,
) -> ComputationRun:
    """Record a queued run and hand it to a Celery worker once the caller's transaction has
    committed (so the worker sees the approved data). ``enqueue=False`` leaves running it to
    the caller (the ``compute`` command runs it in-process)."""
    from measurement.tasks import computation_run_task

    run = ComputationRun.objects.create(
        initiative=initiative, period=period, requested_by=requested_by, reason=reason[:200]
    )
    if enqueue:
        transaction.on_commit(lambda: computation_run_task.delay(run.pk), robust=True)
    return run


def computation_run_execute(*, run_id: int) -> ComputationRun:
    """Compute the run's results and replace the previous ones in one transaction.

    Runs of one initiative are serialized (a PostgreSQL advisory lock held from reading the
    data to committing the results), so an older run can never overwrite a newer one. A
    failure leaves the previous results in place and records the error on the run. Running
    the same run twice gives the same results: tasks may be delivered twice."""
    run = ComputationRun.objects.select_related("initiative", "period").get(pk=run_id)
    _run_progress(
        run,
        status=RunStatus.RUNNING,
        progress=0,
        stage=_("Waiting for earlier runs"),
        started_at=timezone.now(),
        error="",
    )
    try:
        with _initiative_lock(run.initiative_id):
            rows_in, rows_out = _compute_and_replace(run)
    except Exception:
        logger.exception("Computation run %s failed", run.pk)
        _run_progress(
            run,
            status=RunStatus.FAILED,
            error=traceback.format_exc(limit=5),
            finished_at=timezone.now(),
            stage="",
        )
    else:
        dashboard_cache.results_changed(initiative_id=run.initiative_id, run_id=run.pk)
        _run_progress(
            run,
            status=RunStatus.SUCCEEDED,
            progress=100,
            stage="",
            rows_in=rows_in,
            rows_out=rows_out,
            finished_at=timezone.now(),
        )
    return run


def _run_progress(run: ComputationRun, **fields) -> None:
    """Saved at once, outside the results transaction, so the runs page shows it live."""
    for name, value in fields.items():
        setattr(run, name, value)
    ComputationRun.objects.filter(pk=run.pk).update(**fields)


_LOCK_NAMESPACE = 7_130_842  # "yachad compute"; keeps our advisory locks apart from others


@contextmanager
def _initiative_lock(initiative_id: int):
    if connection.vendor != "postgresql":
        # SQLite serializes writers itself, and eager mode runs one computation at a time.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [_LOCK_NAMESPACE, initiative_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_LOCK_NAMESPACE, initiative_id])


def _compute_and_replace(run: ComputationRun) -> tuple[int, int]:
    """A full run computes every period from the data; an incremental run recomputes its
    period from the data and the time statistics of every period from stored results."""
    initiative = run.initiative
    _run_progress(run, progress=10, stage=_("Reading approved data"))
    definitions = selectors.engine_definitions(initiative=initiative)
    values = selectors.approved_values_frame(initiative=initiative, period=run.period)

    _run_progress(run, progress=40, stage=_("Computing"))
    report: dict = {}
    results, disparities = engine.aggregate(values, definitions, report=report)
    if run.period is not None:
        stored = selectors.stored_results_frame(initiative=initiative, exclude_period=run.period)
        results = pd.concat([stored, results], ignore_index=True) if len(stored) else results
        # What restricted audiences cannot see, over every period they will read; the tables'
        # methods and time are those of this run's period.
        report["restricted"] = engine.disclosure_report(results, {}, definitions)["restricted"]
    results = engine.add_time_statistics(results, definitions)

    _run_progress(run, progress=70, stage=_("Saving results"))
    with transaction.atomic():
        stale_disparities = DimensionDisparity.objects.filter(initiative=initiative)
        if run.period is not None:
            stale_disparities = stale_disparities.filter(period=run.period)
        stale_disparities.delete()
        # Time statistics change for every period, so every initiative-wide row is replaced.
        ComputedResult.objects.filter(initiative=initiative, organization__isnull=True).delete()
        _write_results(run, results)
        _write_disparities(run, disparities)
        _run_progress(run, disclosure=report)
    return len(values), len(results)


RESULT_COLUMNS = [
    "initiative_id",
    "indicator_id",
    "period_id",
    "cell_id",
    "organization_id",
    "run_id",
    *statistics.names(),
]


def _write_results(run: ComputationRun, results: pd.DataFrame) -> None:
    cell_ids = cells_for_keys(initiative=run.initiative, keys=set(results["cell_key"]))
    frame = results.assign(
        initiative_id=run.initiative_id,
        cell_id=results["cell_key"].map(cell_ids),
        organization_id=None,
        run_id=run.pk,
    )
    _insert(ComputedResult, frame[RESULT_COLUMNS])


def _write_disparities(run: ComputationRun, disparities: pd.DataFrame) -> None:
    dimension_ids = dict(run.initiative.dimensions.values_list("code", "id"))
    frame = disparities.assign(
        initiative_id=run.initiative_id,
        dimension_id=disparities["dimension"].map(dimension_ids),
        run_id=run.pk,
    )
    _insert(
        DimensionDisparity,
        frame[
            [
                "initiative_id",
                "indicator_id",
                "period_id",
                "dimension_id",
                *statistics.names(statistics.DISPARITY_COLUMNS),
                "run_id",
            ]
        ],
    )


def _insert(model, frame: pd.DataFrame) -> None:
    """Insert a frame whose columns are the model's column names: with COPY on
    PostgreSQL (pandas writes the CSV in C: tens of thousands of rows in a fraction of a
    second), with bulk_create elsewhere."""
    columns = list(frame.columns)
    if connection.vendor == "postgresql":
        from psycopg import sql

        buffer = io.StringIO()
        # \N marks NULL, so an empty string stays an empty string.
        frame.to_csv(buffer, header=False, index=False, na_rep="\\N")
        statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, NULL '\\N')").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(map(sql.Identifier, columns)),
        )
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(buffer.getvalue())
        return
    model.objects.bulk_create(
        (
            model(
                **{
                    name: None if _missing(value) else value
                    for name, value in zip(columns, row, strict=True)
                }
            )
            for row in frame.itertuples(index=False, name=None)
        ),
        batch_size=2000,
    )


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)
