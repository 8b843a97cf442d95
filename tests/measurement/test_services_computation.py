"""Computation runs: full and incremental, atomic replacement, serialization per initiative."""

import threading
import time
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection, connections
from django.utils import timezone

from config.celery import app
from measurement.choices import RunStatus, SubmissionStatus
from measurement.models import ComputationRun, ComputedResult, DimensionDisparity
from measurement.services import computations as services
from measurement.tasks import computation_run_task
from tests.factories.measurement import ReportingPeriodFactory
from tests.measurement.conftest import report


def _run(world, period=None):
    run = services.computation_request(initiative=world.initiative, period=period, enqueue=False)
    return services.computation_run_execute(run_id=run.pk)


def _total(world, period):
    return ComputedResult.objects.get(
        indicator=world.indicator, period=period, cell__key="", organization__isnull=True
    )


def test_a_full_run_computes_every_period_and_records_itself(world):
    later = ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2")
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    report(world, world.org_a, later, {"gender=f;sector=arab": (30, 40)})
    run = _run(world)
    assert run.status == RunStatus.SUCCEEDED
    assert (run.rows_in, run.progress) == (2, 100)
    assert run.rows_out == ComputedResult.objects.count()
    assert _total(world, later).value == 75
    assert DimensionDisparity.objects.filter(period=later).exists()


def test_an_incremental_run_recomputes_its_period_and_keeps_the_others(world):
    later = ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2")
    world.indicator.baseline_period = world.period
    world.indicator.save()
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    _run(world)
    report(world, world.org_a, later, {"gender=f;sector=arab": (30, 40)})

    run = _run(world, period=later)

    assert run.rows_in == 1  # only the new period's values were read
    assert _total(world, world.period).value == 50
    latest = _total(world, later)
    assert latest.value == 75
    assert latest.change_since_baseline == 25  # time statistics see the stored period


def test_results_a_run_no_longer_produces_are_removed(world):
    submission = report(world, world.org_a, world.period, {"gender=m;sector=jewish": (5, 40)})
    _run(world)
    assert ComputedResult.objects.filter(cell__key="gender=m;sector=jewish").exists()
    submission.status = SubmissionStatus.RETURNED
    submission.save()
    _run(world)
    assert not ComputedResult.objects.exists()


def test_the_task_is_acknowledged_late_and_redelivered_if_its_worker_dies():
    assert computation_run_task.acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.django_db(transaction=True)
def test_a_run_waits_for_the_run_already_holding_its_initiative(world):
    if connection.vendor != "postgresql":
        pytest.skip("Runs are serialized with a PostgreSQL advisory lock; set DATABASE_URL.")
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    run = services.computation_request(initiative=world.initiative, enqueue=False)
    holder = connections.create_connection("default")
    with holder.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_lock(%s, %s)", [services._LOCK_NAMESPACE, world.initiative.pk]
        )

    def execute():
        services.computation_run_execute(run_id=run.pk)
        connections.close_all()

    worker = threading.Thread(target=execute)
    worker.start()
    time.sleep(1)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert not ComputedResult.objects.exists()
    with holder.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_unlock(%s, %s)", [services._LOCK_NAMESPACE, world.initiative.pk]
        )
    holder.close()
    worker.join(timeout=30)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED


# ---- Runs that cannot get stuck ----


def test_an_older_run_steps_aside_when_a_later_request_covers_it(world):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    older = services.computation_request(
        initiative=world.initiative, period=world.period, enqueue=False
    )
    newer = _run(world)

    older = services.computation_run_execute(run_id=older.pk)

    assert older.status == RunStatus.SUPERSEDED
    assert str(newer.pk) in older.failure_reason
    assert set(ComputedResult.objects.values_list("run_id", flat=True)) == {newer.pk}


def test_a_later_run_of_another_period_does_not_supersede(world):
    later = ReportingPeriodFactory(initiative=world.initiative, code="2024-Q2")
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    older = services.computation_request(
        initiative=world.initiative, period=world.period, enqueue=False
    )
    _run(world, period=later)
    assert services.computation_run_execute(run_id=older.pk).status == RunStatus.SUCCEEDED


def test_a_finished_run_delivered_again_is_not_run_again(world):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    run = _run(world)
    finished_at = run.finished_at
    again = services.computation_run_execute(run_id=run.pk)
    assert (again.status, again.finished_at) == (RunStatus.SUCCEEDED, finished_at)


def test_a_run_being_computed_elsewhere_is_not_taken_over(world):
    run = services.computation_request(initiative=world.initiative, enqueue=False)
    ComputationRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, heartbeat_at=timezone.now(), progress=40
    )
    assert services.computation_run_execute(run_id=run.pk).status == RunStatus.RUNNING
    assert ComputationRun.objects.get(pk=run.pk).progress == 40


def test_a_redelivered_run_whose_worker_died_is_taken_over(world):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    run = services.computation_request(initiative=world.initiative, enqueue=False)
    ComputationRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        heartbeat_at=timezone.now() - timedelta(seconds=services.STALE_SECONDS + 1),
    )
    assert services.computation_run_execute(run_id=run.pk).status == RunStatus.SUCCEEDED


def test_the_runs_success_is_saved_before_the_cache_is_told(world, monkeypatch):
    report(world, world.org_a, world.period, {"gender=f;sector=arab": (20, 40)})
    run = services.computation_request(initiative=world.initiative, enqueue=False)

    def cache_gone(**kwargs):
        raise AttributeError("'NoneType' object has no attribute 'hostname'")

    monkeypatch.setattr(services.dashboard_cache, "results_changed", cache_gone)
    with pytest.raises(AttributeError):
        services.computation_run_execute(run_id=run.pk)
    assert ComputationRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED


def test_a_run_stopped_at_its_soft_time_limit_says_so(world, monkeypatch):
    run = services.computation_request(initiative=world.initiative, enqueue=False)

    def too_long(run):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "_compute_and_replace", too_long)
    run = services.computation_run_execute(run_id=run.pk)
    assert run.status == RunStatus.FAILED
    assert "time limit of 15 minutes" in run.failure_reason


def test_the_worker_settings_bound_a_computation():
    annotations = app.conf.task_annotations["measurement.tasks.computation_run_task"]
    assert (annotations["soft_time_limit"], annotations["time_limit"]) == (15 * 60, 20 * 60)
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > annotations["time_limit"]
    assert app.conf.beat_schedule["sweep-computation-runs"]["schedule"] == 60.0


@pytest.mark.django_db(transaction=True)
def test_a_running_run_writes_its_heartbeat_while_the_engine_says_nothing(world, monkeypatch):
    run = services.computation_request(initiative=world.initiative, enqueue=False)
    beats = []

    def slow_engine(run):
        started = ComputationRun.objects.get(pk=run.pk).heartbeat_at
        time.sleep(0.5)
        beats.append((started, ComputationRun.objects.get(pk=run.pk).heartbeat_at))

    monkeypatch.setattr(services, "HEARTBEAT_SECONDS", 0.1)
    monkeypatch.setattr(services, "_compute_and_replace", slow_engine)
    services.computation_run_execute(run_id=run.pk)
    ((started, later),) = beats
    assert later > started
