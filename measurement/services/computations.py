"""Computation runs: request one, and execute it — read the approved data, run the engine,
replace the stored results.
"""

import io
import logging
import threading
import traceback
from contextlib import contextmanager
from datetime import timedelta

import pandas as pd
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
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
    attempt: int = 1,
) -> ComputationRun:
    """Record a queued run and hand it to a Celery worker once the caller's transaction has
    committed (so the worker sees the approved data). ``enqueue=False`` leaves running it to
    the caller (the ``compute`` command runs it in-process). If the task queue cannot be
    reached the run stays recorded as waiting, and the sweeper hands it over later."""
    run = ComputationRun.objects.create(
        initiative=initiative,
        period=period,
        requested_by=requested_by,
        reason=reason[:200],
        attempt=attempt,
    )
    if enqueue:
        transaction.on_commit(lambda: computation_hand_off(run=run), robust=True)
    return run


def computation_hand_off(*, run: ComputationRun) -> bool:
    """Send the run to the task queue; whether that worked. A broker that cannot be reached
    is not an error of the request: the run is marked waiting (and ``run`` says so)."""
    from measurement.tasks import computation_run_task

    try:
        computation_run_task.delay(run.pk)
    except Exception:
        logger.warning(
            "Run %s waits for the task queue, which is unreachable", run.pk, exc_info=True
        )
        if ComputationRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
            status=RunStatus.WAITING
        ):
            run.status = RunStatus.WAITING
        return False
    run.enqueued_at = timezone.now()
    ComputationRun.objects.filter(pk=run.pk).update(enqueued_at=run.enqueued_at)
    if ComputationRun.objects.filter(pk=run.pk, status=RunStatus.WAITING).update(
        status=RunStatus.QUEUED
    ):
        run.status = RunStatus.QUEUED
    return True


@transaction.atomic
def computation_retry(*, actor, run: ComputationRun) -> ComputationRun:
    """A new request for what a failed run was to compute; the failed run stays as it was."""
    roles.require(actor, run.initiative, Perm.REVIEW_SUBMISSIONS)
    if not run.can_be_retried:
        raise ValidationError(_("Only a failed run can be retried."))
    return computation_request(
        initiative=run.initiative,
        period=run.period,
        requested_by=actor,
        reason=_("Retry of run %(id)s") % {"id": run.pk},
    )


def computation_run_execute(*, run_id: int) -> ComputationRun:
    """Compute the run's results and replace the previous ones in one transaction.

    Runs of one initiative are serialized (a PostgreSQL advisory lock held from reading the
    data to committing the results). Once it holds the lock, a run for which a later request
    of the same scope exists steps aside as superseded, so an older run can never overwrite
    newer results, whatever order the queue delivers them in. A failure leaves the previous
    results in place and records the error on the run.

    Tasks may be delivered twice: a run that is finished, or running with a live heartbeat,
    is left alone; a running one whose heartbeat stopped (its worker died) is taken over."""
    run = ComputationRun.objects.select_related("initiative", "period").get(pk=run_id)
    if not _claim(run):
        logger.info("Run %s is %s: not run again", run.pk, run.status)
        return run
    with _heartbeat(run.pk):
        try:
            with _initiative_lock(run.initiative_id):
                newer = _superseding_run(run)
                if newer is not None:
                    _run_progress(
                        run,
                        status=RunStatus.SUPERSEDED,
                        stage="",
                        failure_reason=_("Run %(id)s, requested later, computes the same data.")
                        % {"id": newer.pk},
                        finished_at=timezone.now(),
                    )
                    return run
                _compute_and_replace(run)
        except Exception as error:
            logger.exception("Computation run %s failed", run.pk)
            _run_progress(
                run,
                status=RunStatus.FAILED,
                error=traceback.format_exc(limit=5),
                failure_reason=_failure_reason(error),
                finished_at=timezone.now(),
                stage="",
            )
            return run
    # Only now, with the run's status committed: the cache is optional, and never fails.
    dashboard_cache.results_changed(initiative_id=run.initiative_id, run_id=run.pk)
    return run


def _failure_reason(error: Exception) -> str:
    if isinstance(error, SoftTimeLimitExceeded):
        return _(
            "It took longer than the time limit of %(minutes)s minutes "
            "(COMPUTATION_SOFT_TIME_LIMIT) and was stopped."
        ) % {"minutes": settings.COMPUTATION_SOFT_TIME_LIMIT // 60}
    return _("The computation stopped with an error (details below).")


# A running run's worker writes its heartbeat this often; a run whose heartbeat is older than
# STALE_SECONDS has lost its worker (killed, out of memory, its machine gone).
HEARTBEAT_SECONDS = 30
STALE_SECONDS = 5 * 60


def _claim(run: ComputationRun) -> bool:
    """Mark the run running, unless another delivery of it is running or it is finished."""
    now = timezone.now()
    dead = now - timedelta(seconds=STALE_SECONDS)
    claimable = Q(status__in=[RunStatus.QUEUED, RunStatus.WAITING]) | Q(
        Q(heartbeat_at__lt=dead) | Q(heartbeat_at__isnull=True), status=RunStatus.RUNNING
    )
    fields = {
        "status": RunStatus.RUNNING,
        "progress": 0,
        "stage": _("Waiting for earlier runs"),
        "started_at": now,
        "heartbeat_at": now,
        "finished_at": None,
        "error": "",
        "failure_reason": "",
    }
    if not ComputationRun.objects.filter(claimable, pk=run.pk).update(**fields):
        run.refresh_from_db(fields=["status"])
        return False
    for name, value in fields.items():
        setattr(run, name, value)
    return True


def _superseding_run(run: ComputationRun) -> ComputationRun | None:
    """A later request that computes at least what this run would: a full run is covered by
    a later full run, a period's run also by a later run of that period."""
    later = ComputationRun.objects.filter(
        initiative_id=run.initiative_id,
        pk__gt=run.pk,
        status__in=[RunStatus.QUEUED, RunStatus.WAITING, RunStatus.RUNNING, RunStatus.SUCCEEDED],
    )
    if run.period_id is None:
        later = later.filter(period__isnull=True)
    else:
        later = later.filter(Q(period__isnull=True) | Q(period_id=run.period_id))
    return later.order_by("pk").first()


@contextmanager
def _heartbeat(run_id: int):
    """Write the run's heartbeat every HEARTBEAT_SECONDS from a thread of its own (with its
    own database connection) while the body runs: the engine itself reports nothing for
    minutes on a large initiative."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                ComputationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:
            logger.warning("Run %s: its heartbeat stopped", run_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"run-{run_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


# ---- The sweeper ----

# A committed request not handed to the queue after this long lost its hand-off (the process
# that committed it died first).
HAND_OFF_GRACE_SECONDS = 60
# A handed-off run not started after this long may have lost its message (a broker restarted
# without its data); handing it over again is harmless: a run is claimed once.
REQUEUE_AFTER_SECONDS = 30 * 60
# A request that no worker started in a day is failed; staff can retry it.
GIVE_UP_SECONDS = 24 * 60 * 60
# How many times in a row a run whose worker died is requested again by the sweeper: a run
# that kills its worker every time (out of memory) must not loop forever.
MAX_ATTEMPTS = 3


def computation_runs_sweep(*, now=None) -> dict[str, int]:
    """Every minute (Celery beat): fail runs whose worker died and request them again, fail
    requests too old to run, and hand over the requests the task queue never received.
    What it did, by kind."""
    now = now or timezone.now()
    done = {"failed": 0, "requested": 0, "handed_off": 0, "given_up": 0}
    dead = Q(heartbeat_at__lt=now - timedelta(seconds=STALE_SECONDS)) | Q(
        heartbeat_at__isnull=True, started_at__lt=now - timedelta(seconds=STALE_SECONDS)
    )
    with transaction.atomic():
        for run in (
            ComputationRun.objects.filter(dead, status=RunStatus.RUNNING)
            .select_related("initiative", "period", "requested_by")
            .select_for_update(skip_locked=True, of=("self",))
        ):
            done["failed"] += 1
            since = run.heartbeat_at or run.started_at
            _run_progress(
                run,
                status=RunStatus.FAILED,
                stage="",
                finished_at=now,
                failure_reason=_(
                    "The worker running it stopped (no sign of life since %(since)s): "
                    "it was killed or lost its connection."
                )
                % {"since": timezone.localtime(since).strftime("%Y-%m-%d %H:%M:%S")},
            )
            if run.attempt < MAX_ATTEMPTS and _superseding_run(run) is None:
                computation_request(
                    initiative=run.initiative,
                    period=run.period,
                    requested_by=run.requested_by,
                    reason=_("Retry of run %(id)s, whose worker stopped") % {"id": run.pk},
                    attempt=run.attempt + 1,
                )
                done["requested"] += 1
    waiting = ComputationRun.objects.filter(
        status__in=[RunStatus.QUEUED, RunStatus.WAITING]
    ).order_by("pk")
    done["given_up"] = waiting.filter(
        created_at__lt=now - timedelta(seconds=GIVE_UP_SECONDS)
    ).update(
        status=RunStatus.FAILED,
        finished_at=now,
        failure_reason=_("No worker started it within a day. Retry it when the queue runs."),
    )
    lost = (
        Q(status=RunStatus.WAITING)
        | Q(
            enqueued_at__isnull=True, created_at__lt=now - timedelta(seconds=HAND_OFF_GRACE_SECONDS)
        )
        | Q(enqueued_at__lt=now - timedelta(seconds=REQUEUE_AFTER_SECONDS))
    )
    for run in waiting.filter(lost):
        if not computation_hand_off(run=run):
            break  # the queue is still unreachable: the next sweep tries again
        done["handed_off"] += 1
    if any(done.values()):
        logger.warning("Computation sweep: %s", done)
    return done


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


def _compute_and_replace(run: ComputationRun) -> None:
    """A full run computes every period from the data; an incremental run recomputes its
    period from the data and the time statistics of every period from stored results. The
    run's success commits with its results: there is no moment when the results are new and
    the run still says it is running."""
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
        _run_progress(
            run,
            disclosure=report,
            status=RunStatus.SUCCEEDED,
            progress=100,
            stage="",
            rows_in=len(values),
            rows_out=len(results),
            finished_at=timezone.now(),
        )


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
