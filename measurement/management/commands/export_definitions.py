import json
from pathlib import Path

from measurement.management.commands._base import MeasurementCommand
from measurement.selectors import definitions_export


class Command(MeasurementCommand):
    help = "Write an initiative's definitions as JSON (the format import_definitions reads)."

    def add_arguments(self, parser):
        self.add_initiative_argument(parser)
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")

    def handle(self, *args, initiative: str, output: Path | None, **options):
        data = definitions_export(initiative=self.get_initiative(initiative))
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
