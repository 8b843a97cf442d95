"""Backups that have been restored: the demo initiative goes through ``backup_create`` and
``backup_restore`` into a fresh PostgreSQL database and comes back whole — the same rows in
the key tables and the same computed figures (docs/operations.md)."""

import os
import shutil
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import override_settings

from core.backups import KEY_MODELS, BackupError, backup_create, backup_restore
from measurement.models import ComputedResult
from tests.conftest import services_required

BASE_DIR = Path(__file__).resolve().parents[1]


def _postgresql_with_tools():
    missing = [tool for tool in ("pg_dump", "pg_restore") if not shutil.which(tool)]
    if connection.vendor != "postgresql" or missing:
        message = "Needs DATABASE_URL on PostgreSQL and pg_dump/pg_restore on the PATH."
        if services_required():
            pytest.fail(message)
        pytest.skip(message)


def _url(name: str) -> str:
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    server = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{server}/{name}"


@pytest.fixture
def fresh_database():
    """A database of its own, created empty and dropped afterwards (never the shared one)."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_the_demo_initiative_survives_a_backup_and_a_restore(tmp_path, fresh_database):
    _postgresql_with_tools()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
    figure = ComputedResult.objects.aggregate(total=Sum("value"))["total"]
    assert figure, "the demo computed its results"

    manifest = backup_create(directory=tmp_path)

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "DJANGO_ENV"}
    }
    restored = subprocess.run(
        [sys.executable, "manage.py", "backup_restore", str(manifest)],
        cwd=BASE_DIR,
        env=env | {"DATABASE_URL": _url(fresh_database)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert restored.returncode == 0, restored.stderr
    with psycopg.connect(_url(fresh_database)) as copy:
        from django.apps import apps

        for label in KEY_MODELS:
            table = apps.get_model(label)._meta.db_table
            (count,) = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            assert count == apps.get_model(label).objects.count(), label
        (copied_figure,) = copy.execute(
            "SELECT sum(value) FROM measurement_computedresult"
        ).fetchone()
    assert copied_figure == pytest.approx(figure)


@pytest.mark.django_db
def test_it_refuses_to_restore_over_a_database_in_use(tmp_path):
    if connection.vendor == "postgresql":
        _postgresql_with_tools()
    manifest = backup_create(directory=tmp_path)
    with pytest.raises(BackupError, match="only into an empty database"):
        backup_restore(manifest_path=manifest)


@pytest.mark.django_db
def test_it_refuses_a_file_that_is_not_the_one_backed_up(tmp_path):
    if connection.vendor == "postgresql":
        _postgresql_with_tools()
    manifest = backup_create(directory=tmp_path)
    dump = next(path for path in tmp_path.iterdir() if path.suffix != ".json")
    dump.write_bytes(dump.read_bytes() + b"tampered")
    with pytest.raises(BackupError, match="SHA-256 differs"):
        backup_restore(manifest_path=manifest)
