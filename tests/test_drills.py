"""Failure drills against real services (docs/architecture.md, "When Redis or the worker
fails"): the cache's Redis dies, the broker's Redis dies, a worker dies in the middle of a run.

Each drill starts a Redis of its own on a free port and kills it — never the shared Redis. They
are skipped (with the reason) without ``redis-server`` or PostgreSQL; CI sets
REQUIRE_SERVICES=1, which turns the skip into a failure."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app
from measurement import services
from measurement.choices import RunStatus, SubmissionStatus
from measurement.models import ComputationRun, ComputedResult
from measurement.services import computations
from measurement.tasks import computation_run_task
from tests.conftest import services_required
from tests.measurement.conftest import compute, report

pytestmark = pytest.mark.django_db(transaction=True)

CELL = "gender=f;sector=arab"


def _unavailable(message: str):
    if services_required():
        pytest.fail(message)
    pytest.skip(message)


class SpareRedis:
    """A throwaway redis-server on a free port, started and killed by the test."""

    def __init__(self, binary: str):
        self.binary = binary
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def spare_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        _unavailable("redis-server is not installed (apt-get install redis-server).")
    server = SpareRedis(binary)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        _unavailable("The drill needs PostgreSQL (its advisory lock): set DATABASE_URL.")


# ---- The cache's Redis dies ----


def _cache_on(url: str):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "core.cache.ForgivingRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        },
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "3/hour", "user": "5/hour", "schema": "3/hour"},
        },
    )


def test_pages_and_the_api_answer_while_the_cache_is_down(
    spare_redis, world, client, api, backbone_staff
):
    report(world, world.org_a, world.period, {CELL: (20, 40)})
    compute(world)
    dashboard = reverse("measurement:indicator-list", args=[world.initiative.slug])
    results = reverse("api:computed-result-list", kwargs={"slug": world.initiative.slug})
    client.force_login(backbone_staff)
    caller = api(backbone_staff)
    with _cache_on(spare_redis.url):
        assert client.get(dashboard).status_code == 200
        assert caller.get(results).status_code == 200
        assert redis.Redis.from_url(spare_redis.url).dbsize() > 0  # the cache was in use

        spare_redis.kill()

        for _ in range(2):
            page = client.get(dashboard)
            assert page.status_code == 200
            assert "rror" not in page.content.decode().split("<main", 1)[-1][:2000]
        statuses = [caller.get(results).status_code for _ in range(6)]
    # Served uncached, and the rate limit still holds, counted in this process meanwhile.
    assert statuses[:3] == [200, 200, 200]
    assert statuses[-1] == 429


# ---- The broker's Redis dies ----


@pytest.fixture
def broker(spare_redis):
    """Celery sends to the spare Redis (no eager mode) for the test's duration. The write URL,
    because the CELERY_BROKER_URL variable overrides ``broker_url`` set at run time."""
    previous = (app.conf.get("broker_write_url"), app.conf.task_always_eager)
    _forget_connections()
    app.conf.broker_write_url, app.conf.task_always_eager = spare_redis.url, False
    try:
        with app.producer_or_acquire() as producer:  # what delay() will publish with
            assert f":{spare_redis.port}/" in producer.connection.as_uri()  # not the shared one
        yield spare_redis
    finally:
        _forget_connections()
        app.conf.broker_write_url, app.conf.task_always_eager = previous


def _forget_connections() -> None:
    """Celery keeps its producers' pool once made (``close`` forgets it only if the app's own
    connection pool exists): drop both, so the next task is sent with the current URL."""
    app.close()
    app.amqp._producer_pool = None


def test_a_request_made_while_the_broker_is_down_runs_when_it_is_back(
    broker, world, client, backbone_staff
):
    submission = report(world, world.org_a, world.period, {CELL: (20, 40)})
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    broker.kill()

    client.force_login(backbone_staff)
    answer = client.post(
        reverse("measurement:submission-approve", args=[world.initiative.slug, submission.pk]),
        follow=True,
    )

    assert answer.status_code == 200
    assert "will run as soon as the queue is back" in answer.content.decode()
    run = ComputationRun.objects.get()
    assert (run.status, run.enqueued_at) == (RunStatus.WAITING, None)

    broker.start()  # the broker is back, empty: it kept nothing while it was down
    done = services.computation_runs_sweep()

    assert done["handed_off"] == 1
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert run.enqueued_at is not None
    queued = redis.Redis.from_url(broker.url).llen(settings.CELERY_TASK_DEFAULT_QUEUE)
    assert queued == 1
    computation_run_task.apply(args=[run.pk])  # what the worker does with the message
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    total = ComputedResult.objects.get(cell__key="", organization__isnull=True)
    assert (total.numerator, total.denominator) == (20, 40)


# ---- A worker dies in the middle of a run ----


def test_a_run_whose_worker_was_killed_is_failed_and_the_newest_request_wins(
    postgresql, world, django_capture_on_commit_callbacks
):
    report(world, world.org_a, world.period, {CELL: (20, 40)})
    first = compute(world)
    report(world, world.org_b, world.period, {CELL: (10, 20)})
    older = services.computation_request(
        initiative=world.initiative, period=world.period, enqueue=False
    )
    killed = services.computation_request(
        initiative=world.initiative, period=world.period, enqueue=False
    )
    # Its worker was killed while saving: the results transaction rolled back, the run still
    # says "Running 70% — Saving results" and its heartbeat stopped.
    ComputationRun.objects.filter(pk=killed.pk).update(
        status=RunStatus.RUNNING,
        progress=70,
        stage="Saving results",
        started_at=timezone.now() - timedelta(minutes=10),
        heartbeat_at=timezone.now() - timedelta(seconds=computations.STALE_SECONDS + 1),
    )
    assert set(ComputedResult.objects.values_list("run_id", flat=True)) == {first.pk}

    with django_capture_on_commit_callbacks(execute=True):
        services.computation_runs_sweep()

    killed.refresh_from_db()
    assert killed.status == RunStatus.FAILED
    assert "worker running it stopped" in killed.failure_reason
    fresh = ComputationRun.objects.order_by("pk").last()
    assert (fresh.status, fresh.attempt) == (RunStatus.SUCCEEDED, 2)
    total = ComputedResult.objects.get(cell__key="", organization__isnull=True)
    assert (total.numerator, total.denominator, total.run_id) == (30, 60, fresh.pk)

    # The broker delivers the killed run's message again, and an older request's, later.
    assert services.computation_run_execute(run_id=killed.pk).status == RunStatus.FAILED
    assert services.computation_run_execute(run_id=older.pk).status == RunStatus.SUPERSEDED
    assert set(ComputedResult.objects.values_list("run_id", flat=True)) == {fresh.pk}
