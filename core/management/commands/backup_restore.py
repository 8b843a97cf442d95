"""``manage.py backup_restore <manifest.json>``: into an empty database, then migrate
(core.backups). Fails if any key table's count differs from the manifest's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by backup_create into an empty database, then migrate."

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)

    def handle(self, *args, manifest: Path, **options):
        try:
            counts = backup_restore(manifest_path=manifest)
        except BackupError as error:
            raise CommandError(str(error)) from None
        differ = {
            table: (expected, counts["restored"].get(table))
            for table, expected in counts["expected"].items()
            if counts["restored"].get(table) != expected
        }
        for table, restored in counts["restored"].items():
            self.stdout.write(f"{table}: {restored}")
        if differ:
            raise CommandError(f"Restored counts differ from the backup's: {differ}")
        self.stdout.write(self.style.SUCCESS(f"Restored {manifest}."))
