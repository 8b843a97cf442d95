from pathlib import Path

from accounts.choices import Role
from initiatives.roles import audience_for_role
from measurement.exports import results_csv_header, write_rows_csv
from measurement.management.commands._base import MeasurementCommand
from measurement.selectors import result_export_rows


class Command(MeasurementCommand):
    help = (
        "Write an initiative's computed results as CSV (design.md), as the given role "
        "would see them: with --role funder every small cell is suppressed. Without "
        "--role, as backbone staff see them (numbers shown; `suppressed` says what "
        "restricted roles cannot see and `suppression_reason` why; `range_low` and "
        "`range_high` the coded range they see instead of a value)."
    )

    def add_arguments(self, parser):
        self.add_initiative_argument(parser)
        parser.add_argument("--role", choices=Role.values, default=Role.BACKBONE_ADMIN)
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")

    def handle(self, *args, initiative: str, role: str, output: Path | None, **options):
        target = self.get_initiative(initiative)
        audience = audience_for_role(role)
        rows = result_export_rows(audience=audience, initiative=target)
        header = results_csv_header(target, audience)
        if output:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = write_rows_csv(stream, header, rows)
            self.stderr.write(f"Wrote {count} results to {output}.")
        else:
            self.stdout.ending = ""  # the CSV writer ends its own lines
            write_rows_csv(self.stdout, header, rows)
