"""The Retry button of a failed run on the Computations page."""

import pytest
from django.urls import reverse

from measurement.choices import RunStatus
from measurement.models import ComputationRun
from measurement.tasks import computation_run_task
from tests.factories.measurement import ComputationRunFactory


@pytest.fixture
def failed(world):
    return ComputationRunFactory(
        initiative=world.initiative,
        status=RunStatus.FAILED,
        failure_reason="The worker running it stopped.",
    )


def _url(world, run):
    return reverse("measurement:computation-retry", args=[world.initiative.slug, run.pk])


def test_the_page_says_why_a_run_failed_and_offers_a_retry(client, world, backbone_staff, failed):
    client.force_login(backbone_staff)
    page = client.get(reverse("measurement:computation-list", args=[world.initiative.slug]))
    assert "The worker running it stopped." in page.content.decode()
    assert _url(world, failed) in page.content.decode()


def test_it_requests_the_run_again(
    client, world, backbone_staff, failed, django_capture_on_commit_callbacks
):
    client.force_login(backbone_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, failed), follow=True)
    retry = ComputationRun.objects.exclude(pk=failed.pk).get()
    assert retry.status == RunStatus.SUCCEEDED
    assert "has been queued" in response.content.decode()


# Outside a test's transaction, as in production: the hand-off happens before the answer.
@pytest.mark.django_db(transaction=True)
def test_it_says_plainly_when_the_queue_cannot_be_reached(
    client,
    world,
    backbone_staff,
    failed,
    monkeypatch,
):
    def refuse(run_id):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(computation_run_task, "delay", refuse)
    client.force_login(backbone_staff)
    response = client.post(_url(world, failed), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be reached just now" in page
    assert "has been queued" not in page
    assert ComputationRun.objects.exclude(pk=failed.pk).get().status == RunStatus.WAITING


def test_it_refuses_a_run_that_did_not_fail(client, world, backbone_staff):
    run = ComputationRunFactory(initiative=world.initiative, status=RunStatus.SUCCEEDED)
    client.force_login(backbone_staff)
    response = client.post(_url(world, run), follow=True)
    assert "Only a failed run" in response.content.decode()
    assert ComputationRun.objects.count() == 1


def test_it_requires_login(client, world, failed):
    assert client.post(_url(world, failed)).status_code == 302
    assert ComputationRun.objects.count() == 1


def test_it_hides_from_outsiders(client, world, outsider, failed):
    client.force_login(outsider)
    assert client.post(_url(world, failed)).status_code == 404


def test_it_rejects_read_only_member(client, world, funder, failed):
    client.force_login(funder)
    assert client.post(_url(world, failed)).status_code == 403
    assert ComputationRun.objects.count() == 1
