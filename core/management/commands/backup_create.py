"""``manage.py backup_create [--output-dir var/backups]``: the database and its manifest
(core.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database: a dump (pg_dump custom format, or a SQLite copy) and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=Path("var/backups"))

    def handle(self, *args, output_dir: Path, **options):
        try:
            manifest = backup_create(directory=output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(manifest))
