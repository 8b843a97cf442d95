import json
from pathlib import Path

from django.core.management.base import CommandError

from measurement.management.commands._base import MeasurementCommand
from measurement.services import DefinitionsError, definitions_import


class Command(MeasurementCommand):
    help = (
        "Create or update an initiative from a definitions JSON file (design.md). "
        "Records are matched by code; nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise CommandError(f"{file} does not exist.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            self.fail_with([f"{file}: not valid JSON: {error}"])
        try:
            initiative = definitions_import(data=data)
        except DefinitionsError as error:
            self.fail_with(error.errors)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported the definitions of {initiative.slug}: "
                f"{initiative.dimensions.count()} dimensions, "
                f"{initiative.indicators.count()} indicators, "
                f"{initiative.partnerships.count()} organizations."
            )
        )
