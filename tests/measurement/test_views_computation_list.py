import pytest
from django.urls import reverse

from measurement.choices import RunStatus
from measurement.models import ComputationRun
from measurement.tasks import computation_run_task


def _url(world):
    return reverse("measurement:computation-list", args=[world.initiative.slug])


def test_a_running_computation_shows_its_progress_and_the_page_polls(client, world, backbone_staff):
    ComputationRun.objects.create(
        initiative=world.initiative, status=RunStatus.RUNNING, progress=40, stage="Computing"
    )
    client.force_login(backbone_staff)
    page = client.get(_url(world)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<progress value="40"' in page
    assert "Computing" in page


def test_finished_runs_stop_the_polling(client, world, backbone_staff):
    ComputationRun.objects.create(initiative=world.initiative, status=RunStatus.SUCCEEDED)
    client.force_login(backbone_staff)
    assert "hx-trigger" not in client.get(_url(world)).content.decode()


def test_a_failed_run_shows_its_error(client, world, backbone_staff):
    ComputationRun.objects.create(
        initiative=world.initiative, status=RunStatus.FAILED, error="Traceback: engine exploded"
    )
    client.force_login(backbone_staff)
    assert "engine exploded" in client.get(_url(world)).content.decode()


def test_staff_start_a_full_recompute(
    client, world, backbone_staff, django_capture_on_commit_callbacks
):
    client.force_login(backbone_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("measurement:computation-start", args=[world.initiative.slug]))
    run = ComputationRun.objects.get()
    assert (run.status, run.period) == (RunStatus.SUCCEEDED, None)


def test_it_rejects_read_only_member(client, world, funder):
    client.force_login(funder)
    assert client.get(_url(world)).status_code == 403


# Outside a test's transaction, as in production: the hand-off happens before the answer.
@pytest.mark.django_db(transaction=True)
def test_a_recompute_the_queue_cannot_take_is_said_plainly(
    client,
    world,
    backbone_staff,
    monkeypatch,
):
    def refuse(run_id):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(computation_run_task, "delay", refuse)
    client.force_login(backbone_staff)
    response = client.post(
        reverse("measurement:computation-start", args=[world.initiative.slug]), follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "will run as soon as the queue is back" in page
    assert "Waiting for the queue" in page
    assert "has been queued" not in page
