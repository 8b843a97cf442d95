"""Handing a run to the task queue: a broker that cannot be reached keeps the request as
waiting for the queue — never an error, never a false "queued"."""

import pytest
from kombu.exceptions import OperationalError

from measurement import services
from measurement.choices import RunStatus
from measurement.models import ComputationRun
from measurement.tasks import computation_run_task


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(computation_run_task, "delay", refuse)


def test_a_request_the_broker_cannot_take_is_kept_as_waiting(
    world, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.computation_request(initiative=world.initiative)
    assert run.status == RunStatus.WAITING
    stored = ComputationRun.objects.get()
    assert (stored.status, stored.enqueued_at) == (RunStatus.WAITING, None)
    assert "will run as soon as the queue is back" in run.requested_message()


def test_a_handed_off_request_records_when(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.computation_request(initiative=world.initiative)
    run.refresh_from_db()
    assert run.enqueued_at is not None
    assert run.status == RunStatus.SUCCEEDED  # eager mode: the worker is this process


def test_nothing_is_handed_over_before_the_callers_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.computation_request(initiative=world.initiative)
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.status, run.enqueued_at) == (RunStatus.QUEUED, None)
