"""Backups an operator has restored (docs/operations.md, "Backup and restore").

``backup_create`` writes the database — PostgreSQL with ``pg_dump`` in its custom format,
SQLite as a consistent copy — and a manifest beside it: when, from which engine, the file's
SHA-256, the last migration of every app, and the row counts of the key tables.
``backup_restore`` checks the file against its manifest, refuses any database that is not
empty, restores, applies the migrations this release has beyond the backup's, and compares
the counts. Everything Yachad keeps is in the database (uploaded files included: a column of
``measurement.Upload``); Redis holds nothing that needs a backup.

The PostgreSQL password reaches the client tools in their environment (``PGPASSWORD``), never
on a command line another user could read."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

MANIFEST_FORMAT = "yachad-backup/1"
# Counted at backup and after restore: what an initiative is made of.
KEY_MODELS = (
    "accounts.User",
    "initiatives.Initiative",
    "initiatives.Organization",
    "initiatives.Membership",
    "measurement.Indicator",
    "measurement.Submission",
    "measurement.DataValue",
    "measurement.ComputationRun",
    "measurement.ComputedResult",
    "measurement.Upload",
    "community.CommunityMember",
)


class BackupError(Exception):
    """A backup that cannot be made or restored as asked; the message says why."""


def _connection_settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups cover PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    env["PGDATABASE"] = str(settings["NAME"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed here (PostgreSQL's client tools).")
    result = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(alias: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {label: apps.get_model(label).objects.using(alias).count() for label in KEY_MODELS}


def _last_migrations(alias: str) -> dict[str, str]:
    last: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


# ---- Backup ----


def backup_create(*, directory: Path, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Write ``yachad-<UTC time>.dump`` (or ``.sqlite3``) and its ``.json`` manifest into
    ``directory``; returns the manifest's path."""
    engine = _engine(alias)
    settings = _connection_settings(alias)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    dump = directory / f"yachad-{stamp}.{'dump' if engine == 'postgresql' else 'sqlite3'}"
    if engine == "postgresql":
        # One snapshot: the dump is consistent even while the site is in use.
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        _run([*command, f"--file={dump}"], _pg_env(settings))
    else:
        with sqlite3.connect(settings["NAME"]) as source, sqlite3.connect(dump) as copy:
            source.backup(copy)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "file": dump.name,
        "bytes": dump.stat().st_size,
        "sha256": _sha256(dump),
        "migrations": _last_migrations(alias),
        "counts": table_counts(alias),
    }
    path = dump.with_suffix(".json")
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


# ---- Restore ----


def _read_manifest(path: Path) -> tuple[dict[str, Any], Path]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"Cannot read the manifest {path}: {error}") from None
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{path} is not a Yachad backup manifest.")
    dump = path.parent / manifest["file"]
    if not dump.exists():
        raise BackupError(f"The manifest names {dump}, which is not there.")
    if _sha256(dump) != manifest["sha256"]:
        raise BackupError(f"{dump} is not the file the manifest describes (SHA-256 differs).")
    return manifest, dump


def _is_empty(alias: str) -> bool:
    return not connections[alias].introspection.table_names()


def backup_restore(*, manifest_path: Path, alias: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Restore the backup ``manifest_path`` describes into the empty database ``alias``, then
    migrate. Returns the counts before and after: ``{"expected": …, "restored": …}``."""
    manifest, dump = _read_manifest(manifest_path)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(f"This is a {manifest['engine']} backup; the database is {engine}.")
    if not _is_empty(alias):
        raise BackupError(
            "Restore only into an empty database: this one has tables. Create a new database, "
            "or drop this one's tables if you mean to replace it."
        )
    settings = _connection_settings(alias)
    if engine == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        env = _pg_env(settings)
        _run([*command, "--single-transaction", f"--dbname={env['PGDATABASE']}", str(dump)], env)
    else:
        connections[alias].close()
        with sqlite3.connect(dump) as source, sqlite3.connect(settings["NAME"]) as target:
            source.backup(target)
    connections[alias].close()  # forget what was introspected of the empty database
    call_command("migrate_locked", database=alias, verbosity=0)
    return {"expected": manifest["counts"], "restored": table_counts(alias)}
