"""/healthz and /readyz: what a load balancer, Docker and a monitor ask a running installation
(docs/operations.md). Neither needs signing in, neither is redirected to HTTPS or refused for
its Host header (a probe inside the Docker network calls 127.0.0.1), and /readyz says which of
its checks failed."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from core import health
from core.tasks import heartbeat_record_task


@pytest.fixture
def probe():
    # A probe from inside the container: plain HTTP, to an address that is not a site name.
    return Client(HTTP_HOST="127.0.0.1:8000")


@pytest.fixture
def worker_alive():
    heartbeat_record_task()
    yield
    cache.delete(health.HEARTBEAT_KEYS["worker"])


def test_healthz_answers_without_the_database(probe, django_db_blocker):
    with django_db_blocker.block():
        response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_every_check_passes(probe, worker_alive, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = probe.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "ok",
        "checks": dict.fromkeys(["database", "cache", "broker", "migrations", "worker"], "ok"),
    }


@pytest.mark.django_db
def test_readyz_names_the_check_that_failed(probe, worker_alive, monkeypatch):
    monkeypatch.setattr(health, "_cache_round_trip", lambda: False)
    response = probe.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] != "ok"
    assert checks["database"] == "ok"
    assert response.json()["status"] == "fail"


@pytest.mark.django_db
def test_readyz_fails_when_the_database_is_unreachable(probe, worker_alive, monkeypatch):
    def unreachable():
        raise health.DatabaseError("connection refused to db.internal:5432")

    monkeypatch.setattr(health, "_database_round_trip", unreachable)
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"
    assert "db.internal" not in response.content.decode(), "no details for anonymous callers"


@pytest.mark.django_db
def test_readyz_fails_while_migrations_wait(probe, worker_alive, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(health, "_unapplied_migrations", lambda: 2)
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "2 not applied"


@pytest.mark.django_db
def test_readyz_fails_when_no_worker_has_answered_lately(probe, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.set(health.HEARTBEAT_KEYS["worker"], time.time() - health.HEARTBEAT_STALE_AFTER - 1)
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("no heartbeat for")
    cache.delete(health.HEARTBEAT_KEYS["worker"])
    assert probe.get("/readyz").json()["checks"]["worker"] == "no heartbeat yet"


@pytest.mark.django_db
def test_in_eager_mode_no_worker_is_needed(probe, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert probe.get("/readyz").json()["checks"]["worker"] == "ok"


@pytest.mark.django_db
def test_probes_are_not_redirected_to_https_nor_refused_for_their_host(probe, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["yachad.example.org"]
    assert probe.get("/healthz").status_code == 200
    assert probe.get("/readyz").status_code in (200, 503)
    # Everything else still is.
    assert probe.get("/accounts/login/").status_code == 400


def test_the_heartbeat_is_dated_by_whoever_wrote_it():
    heartbeat_record_task()
    assert health.heartbeat_age("worker") < 5
    cache.delete(health.HEARTBEAT_KEYS["worker"])
    assert health.heartbeat_age("worker") is None


def test_beat_records_its_heartbeat_when_it_sends_the_workers():
    from config import celery as celery_config

    cache.delete(health.HEARTBEAT_KEYS["beat"])
    celery_config.heartbeat_of_beat(sender="core.tasks.heartbeat_record_task")
    assert health.heartbeat_age("beat") < 5
    cache.delete(health.HEARTBEAT_KEYS["beat"])
    celery_config.heartbeat_of_beat(sender="measurement.tasks.reminders_send_task")
    assert health.heartbeat_age("beat") is None


def test_the_beat_healthcheck_passes_only_after_a_recent_heartbeat():
    from django.core.management import CommandError, call_command

    cache.delete(health.HEARTBEAT_KEYS["beat"])
    with pytest.raises(CommandError, match="No heartbeat of beat yet"):
        call_command("heartbeat_check", "beat")
    cache.set(health.HEARTBEAT_KEYS["beat"], time.time() - health.HEARTBEAT_STALE_AFTER - 5)
    with pytest.raises(CommandError, match="No heartbeat of beat for"):
        call_command("heartbeat_check", "beat")
    health.heartbeat_record(who="beat")
    call_command("heartbeat_check", "beat")
    cache.delete(health.HEARTBEAT_KEYS["beat"])


@pytest.mark.django_db
def test_readyz_fails_when_the_broker_is_unreachable(probe, worker_alive, settings, monkeypatch):
    from celery import current_app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(current_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(current_app.conf, "broker_write_url", "redis://127.0.0.1:1/0")
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "unreachable"
