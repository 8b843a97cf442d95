"""Retrying a failed run: a new request for the same scope; the failed run stays as it was."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measurement import services
from measurement.choices import RunStatus
from measurement.models import ComputationRun
from tests.factories.measurement import ComputationRunFactory


def _failed(world, **fields):
    return ComputationRunFactory(
        initiative=world.initiative, status=RunStatus.FAILED, failure_reason="boom", **fields
    )


def test_it_requests_the_same_scope_again(world, backbone_staff):
    failed = _failed(world, period=world.period, attempt=3)
    retry = services.computation_retry(actor=backbone_staff, run=failed)
    assert (retry.period, retry.requested_by, retry.attempt) == (world.period, backbone_staff, 1)
    assert str(failed.pk) in retry.reason
    failed.refresh_from_db()
    assert (failed.status, failed.failure_reason) == (RunStatus.FAILED, "boom")


@pytest.mark.parametrize("status", [RunStatus.SUCCEEDED, RunStatus.RUNNING, RunStatus.QUEUED])
def test_it_refuses_a_run_that_did_not_fail(world, backbone_staff, status):
    run = ComputationRunFactory(initiative=world.initiative, status=status)
    with pytest.raises(ValidationError, match="Only a failed run"):
        services.computation_retry(actor=backbone_staff, run=run)
    assert ComputationRun.objects.count() == 1


def test_it_refuses_a_read_only_member(world, funder):
    with pytest.raises(PermissionDenied):
        services.computation_retry(actor=funder, run=_failed(world))
    assert ComputationRun.objects.count() == 1
