"""Testing a data migration: roll the database back to before it, make rows of the old shape,
and migrate forward again, so the migration runs on them."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def migrated_back_to(targets: list[tuple[str, str]]) -> Iterator[Apps]:
    """Inside the block the database stands at ``targets`` (``(app, migration)`` pairs) and the
    block is given the models of that state; leaving it, even on an error, migrates to the
    latest state again."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(targets)
        yield MigrationExecutor(connection).loader.project_state(targets).apps
    finally:
        MigrationExecutor(connection).migrate(latest)
