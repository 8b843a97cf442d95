"""The sweeper (every minute): runs whose worker died are failed with a reason and requested
again; requests the queue never received are handed over; requests no worker took in a day
are failed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from measurement import services
from measurement.choices import RunStatus
from measurement.models import ComputationRun
from measurement.services import computations
from measurement.tasks import computation_run_task
from tests.factories.measurement import ComputationRunFactory
from tests.measurement.conftest import report

CELL = "gender=f;sector=arab"


def _ago(seconds):
    return timezone.now() - timedelta(seconds=seconds)


def _dead_run(world, **fields):
    return ComputationRunFactory(
        initiative=world.initiative,
        status=RunStatus.RUNNING,
        started_at=_ago(3600),
        heartbeat_at=_ago(computations.STALE_SECONDS + 60),
        finished_at=None,
        progress=70,
        stage="Saving results",
        **fields,
    )


def test_a_run_whose_worker_died_is_failed_with_its_reason_and_requested_again(
    world, backbone_staff, django_capture_on_commit_callbacks
):
    report(world, world.org_a, world.period, {CELL: (20, 40)})
    dead = _dead_run(world, period=world.period, requested_by=backbone_staff)

    with django_capture_on_commit_callbacks(execute=True):
        done = services.computation_runs_sweep()

    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED
    assert "worker running it stopped" in dead.failure_reason
    assert dead.finished_at is not None
    retry = ComputationRun.objects.exclude(pk=dead.pk).get()
    assert (retry.period, retry.attempt, retry.requested_by) == (world.period, 2, backbone_staff)
    assert retry.status == RunStatus.SUCCEEDED  # eager: handed over and run
    assert done == {"failed": 1, "requested": 1, "handed_off": 0, "given_up": 0}


def test_a_running_run_with_a_live_heartbeat_is_left_alone(world):
    alive = _dead_run(world)
    ComputationRun.objects.filter(pk=alive.pk).update(heartbeat_at=timezone.now())
    services.computation_runs_sweep()
    alive.refresh_from_db()
    assert alive.status == RunStatus.RUNNING
    assert ComputationRun.objects.count() == 1


def test_a_run_that_keeps_killing_its_worker_is_not_requested_forever(world):
    _dead_run(world, attempt=computations.MAX_ATTEMPTS)
    services.computation_runs_sweep()
    assert ComputationRun.objects.get().status == RunStatus.FAILED  # and no new request


def test_a_dead_run_a_later_request_covers_is_not_requested_again(world):
    _dead_run(world)
    ComputationRunFactory(
        initiative=world.initiative, status=RunStatus.QUEUED, enqueued_at=timezone.now()
    )
    services.computation_runs_sweep()
    assert ComputationRun.objects.count() == 2


def test_a_request_waiting_for_the_queue_is_handed_over_when_the_queue_is_back(
    world, django_capture_on_commit_callbacks
):
    report(world, world.org_a, world.period, {CELL: (20, 40)})
    waiting = ComputationRunFactory(
        initiative=world.initiative, status=RunStatus.WAITING, finished_at=None
    )
    done = services.computation_runs_sweep()
    waiting.refresh_from_db()
    assert waiting.status == RunStatus.SUCCEEDED
    assert waiting.enqueued_at is not None
    assert done["handed_off"] == 1


def test_while_the_queue_is_still_down_requests_keep_waiting(world, monkeypatch):
    calls = []

    def refuse(run_id):
        calls.append(run_id)
        raise OperationalError("Connection refused")

    monkeypatch.setattr(computation_run_task, "delay", refuse)
    for _ in range(3):
        ComputationRunFactory(
            initiative=world.initiative, status=RunStatus.WAITING, finished_at=None
        )
    assert services.computation_runs_sweep()["handed_off"] == 0
    assert len(calls) == 1  # one refusal is enough: the next sweep tries again
    assert set(ComputationRun.objects.values_list("status", flat=True)) == {RunStatus.WAITING}


def test_a_committed_request_that_was_never_handed_over_is(world):
    lost = ComputationRunFactory(
        initiative=world.initiative, status=RunStatus.QUEUED, finished_at=None
    )
    ComputationRun.objects.filter(pk=lost.pk).update(created_at=_ago(120))
    fresh = ComputationRunFactory(
        initiative=world.initiative, status=RunStatus.QUEUED, finished_at=None
    )
    services.computation_runs_sweep()
    assert ComputationRun.objects.get(pk=lost.pk).enqueued_at is not None
    # A request just committed is its own process's to hand over.
    assert ComputationRun.objects.get(pk=fresh.pk).enqueued_at is None


@pytest.mark.parametrize("status", [RunStatus.QUEUED, RunStatus.WAITING])
def test_a_request_no_worker_took_in_a_day_is_failed(world, status, monkeypatch):
    monkeypatch.setattr(computation_run_task, "delay", lambda run_id: None)
    old = ComputationRunFactory(initiative=world.initiative, status=status, finished_at=None)
    ComputationRun.objects.filter(pk=old.pk).update(created_at=_ago(2 * 24 * 3600))
    services.computation_runs_sweep()
    old.refresh_from_db()
    assert old.status == RunStatus.FAILED
    assert "within a day" in old.failure_reason
