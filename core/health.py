"""What /readyz checks (docs/operations.md): the database, the cache and the broker answer,
every migration is applied, and a Celery worker ran the heartbeat task lately.

Each check answers ``"ok"`` or a short reason fit for an anonymous caller: no host names, no
exception texts (those go to the log). Every check is cheap: one query, one cache round trip,
one broker connection; the migrations are read from disk only until they are all applied,
which stays true for the life of the process (a new release starts new processes).

The heartbeat: Celery beat sends ``core.tasks.heartbeat_record_task`` every
``HEARTBEAT_EVERY`` seconds (config/celery.py) and records in the cache that it did; the
worker that runs it records its own time. /readyz reads the worker's, the beat container's
healthcheck (``manage.py heartbeat_check beat``) the beat's."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = 60
# Five missed beats: a worker whose two slots are both busy with long computations still
# answers well within it (docs/benchmarks.md: a 1M-value run takes under 15 s).
HEARTBEAT_STALE_AFTER = 5 * HEARTBEAT_EVERY
HEARTBEAT_KEYS = {"worker": "yachad:heartbeat:worker", "beat": "yachad:heartbeat:beat"}
# A day: the key outlives a long outage, so the age reported is the real one.
_HEARTBEAT_TIMEOUT = 24 * 60 * 60

__all__ = ["DatabaseError", "heartbeat_age", "heartbeat_record", "readiness"]


def heartbeat_record(*, who: str) -> None:
    cache.set(HEARTBEAT_KEYS[who], time.time(), timeout=_HEARTBEAT_TIMEOUT)


def heartbeat_age(who: str) -> float | None:
    """Seconds since ``who`` (``worker`` or ``beat``) last recorded its heartbeat; None if it
    never did (or the cache was emptied since)."""
    recorded = cache.get(HEARTBEAT_KEYS[who])
    return None if recorded is None else max(0.0, time.time() - float(recorded))


# ---- The checks ----


def _database_round_trip() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_round_trip() -> bool:
    nonce = str(time.monotonic_ns())
    cache.set("yachad:readyz", nonce, timeout=30)
    return cache.get("yachad:readyz") == nonce


def _broker_round_trip() -> None:
    # The project's app (config/celery.py), current once Django has started.
    from celery import current_app

    with current_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=3)


_migrations_applied = False


def _unapplied_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _check_database() -> str:
    try:
        _database_round_trip()
    except DatabaseError:
        logger.exception("Readiness: the database did not answer")
        return "unreachable"
    return "ok"


def _check_cache() -> str:
    try:
        answered = _cache_round_trip()
    except Exception:  # any client error: Redis refused, timed out, wrong password
        logger.exception("Readiness: the cache did not answer")
        return "unreachable"
    return "ok" if answered else "did not keep a value"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok"
    try:
        _broker_round_trip()
    except Exception:  # kombu raises its transports' own errors
        logger.exception("Readiness: the broker did not answer")
        return "unreachable"
    return "ok"


def _check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return "ok"
    try:
        waiting = _unapplied_migrations()
    except DatabaseError:
        return "unknown"
    if waiting:
        return f"{waiting} not applied"
    _migrations_applied = True
    return "ok"


def _check_worker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok"  # tasks run in the web process itself
    try:
        age = heartbeat_age("worker")
    except Exception:
        return "unknown"  # the cache check says why
    if age is None:
        return "no heartbeat yet"
    if age > HEARTBEAT_STALE_AFTER:
        return f"no heartbeat for {int(age)} s"
    return "ok"


def readiness() -> dict[str, str]:
    """Every check by name, ``"ok"`` or why not."""
    return {
        "database": _check_database(),
        "cache": _check_cache(),
        "broker": _check_broker(),
        "migrations": _check_migrations(),
        "worker": _check_worker(),
    }
