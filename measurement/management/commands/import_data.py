from pathlib import Path

from django.core.management.base import CommandError

from measurement import selectors
from measurement.datafiles import FileProblems, check_values, read_table
from measurement.management.commands._base import MeasurementCommand
from measurement.services import values_save


class Command(MeasurementCommand):
    help = (
        "Import data values from a CSV or XLSX file in the interchange format "
        "(design.md) as approved data. A file with any problem writes nothing. Run "
        "`compute` afterwards to update the results."
    )

    def add_arguments(self, parser):
        self.add_initiative_argument(parser)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what it would change, per organization and period, "
            "without writing anything",
        )

    def handle(self, *args, initiative: str, file: Path, dry_run: bool = False, **options):
        target = self.get_initiative(initiative)
        try:
            content = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file} does not exist.") from None
        try:
            checked = check_values(read_table(content, file.name), initiative=target)
        except FileProblems as problems:
            self.fail_with(problems.errors)
        if dry_run:
            self.report_changes(selectors.values_changes(initiative=target, checked=checked))
            return
        count = values_save(
            initiative=target, checked=checked, approve=True, reason="import_data command"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Imported into {target.slug}: {count} values added or changed.")
        )

    def report_changes(self, changes) -> None:
        for row in changes.organizations:
            self.stdout.write(
                f"{row['organization']} {row['period']}: {row['new']} new, "
                f"{row['changed']} changed, {row['unchanged']} unchanged"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Dry run: {changes.new} new, {changes.changed} changed, {changes.unchanged} "
                "unchanged; nothing was written."
            )
        )
