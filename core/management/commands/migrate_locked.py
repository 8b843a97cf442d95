"""``manage.py migrate_locked``: ``migrate``, one at a time. On PostgreSQL it holds an advisory
lock for the length of the migration, so two containers that start together (the compose
``migrate`` service run twice, or by hand during an upgrade) never apply the same migration at
once: the second waits, then finds nothing left to do. SQLite has a single writer anyway, so
there it is plain ``migrate``."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

# "yachad" in ASCII: one number for every installation, chosen not to collide with other
# applications' advisory locks on a shared server.
MIGRATION_LOCK = 0x796163686164


@contextmanager
def migration_lock(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


class Command(BaseCommand):
    help = "Apply migrations under a lock, so that two never run at once."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database: str, verbosity: int, **options):
        if verbosity:
            self.stdout.write("Waiting for the migration lock…")
        with migration_lock(database):
            call_command("migrate", database=database, interactive=False, verbosity=verbosity)
