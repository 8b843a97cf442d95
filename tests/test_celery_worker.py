"""A real Celery worker, in its own process, consuming from the Redis broker in
CELERY_BROKER_URL and writing to the test database: approve → results updated.

Skipped (with the reason) when no Redis broker is configured; CI sets REQUIRE_SERVICES=1,
which turns the skip into a failure."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from config.celery import app
from measurement import services
from measurement.choices import RunStatus
from measurement.models import ComputationRun, ComputedResult
from tests.conftest import services_required

BASE_DIR = Path(__file__).resolve().parents[1]
BROKER = os.environ.get("CELERY_BROKER_URL", "")

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


def _test_database_url() -> str:
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            "The worker process needs a database it can share: set DATABASE_URL to PostgreSQL."
        )
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    return (
        f"postgres://{credentials}@{settings['HOST'] or 'localhost'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def worker_queue():
    if not BROKER.startswith("redis://"):
        message = "Set CELERY_BROKER_URL=redis://… to run the real-worker test."
        if services_required():
            pytest.fail(message)
        pytest.skip(message)
    database_url = _test_database_url()
    # A queue of our own, so no other worker on this Redis takes the task.
    queue = f"yachad-test-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"DATABASE_URL": database_url, "CELERY_BROKER_URL": BROKER}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (app.conf.task_always_eager, app.conf.task_routes)
    app.conf.task_always_eager = False
    app.conf.task_routes = {"measurement.tasks.*": {"queue": queue}}
    _reroute()
    try:
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.task_routes = previous
        _reroute()
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output)


def _reroute() -> None:
    """Route by the current task_routes: Celery's router keeps the routes it was made with,
    so without forgetting it later tests would still send to this test's queue."""
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_approval_is_computed_by_a_real_worker(worker_queue, world, partner_a, backbone_staff):
    submission, _started = services.submission_start(
        actor=partner_a, initiative=world.initiative, organization=world.org_a, period=world.period
    )
    cell = world.initiative.cells.get(key="gender=f;sector=arab")
    services.submission_values_save(
        actor=partner_a,
        submission=submission,
        indicator=world.indicator,
        values={cell.pk: {"numerator": 42, "denominator": 60}},
    )
    services.submission_submit(actor=partner_a, submission=submission)

    services.submission_approve(actor=backbone_staff, submission=submission)

    run = ComputationRun.objects.get()
    assert _wait_for(
        lambda: (
            ComputationRun.objects.get(pk=run.pk).status in (RunStatus.SUCCEEDED, RunStatus.FAILED)
        )
    ), "the worker never ran the task"
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    total = ComputedResult.objects.get(cell__key="", organization__isnull=True)
    assert (total.numerator, total.denominator) == (42, 60)
