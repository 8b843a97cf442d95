"""``manage.py migrate_locked``: two migrations started together never run at once."""

import threading
import time

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from core.management.commands.migrate_locked import MIGRATION_LOCK

pytestmark = pytest.mark.django_db(transaction=True)


def _other_session():
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "localhost",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def _migrate_in_another_thread():
    try:
        call_command("migrate_locked", verbosity=0)
    finally:
        connection.close()  # this thread's own connection


def test_it_waits_while_another_migration_holds_the_lock():
    if connection.vendor != "postgresql":
        pytest.skip("The lock is PostgreSQL's; SQLite has a single writer anyway.")
    with _other_session() as other:
        other.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
        migrating = threading.Thread(target=_migrate_in_another_thread)
        migrating.start()
        time.sleep(1.5)
        assert migrating.is_alive(), "it did not wait for the lock"
        other.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
        migrating.join(timeout=120)
    assert not migrating.is_alive()


def test_it_leaves_the_lock_free_when_done(capsys):
    call_command("migrate_locked")
    assert "No migrations to apply" in capsys.readouterr().out
    if connection.vendor == "postgresql":
        with _other_session() as other:
            taken = other.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATION_LOCK]).fetchone()
            assert taken == (True,)
