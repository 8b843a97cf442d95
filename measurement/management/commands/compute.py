from django.core.management.base import CommandError

from measurement.choices import RunStatus
from measurement.management.commands._base import MeasurementCommand
from measurement.services import computation_request, computation_run_execute


class Command(MeasurementCommand):
    help = (
        "Recompute every result of an initiative now, in this process, and replace the "
        "previous results in one transaction."
    )

    def add_arguments(self, parser):
        self.add_initiative_argument(parser)

    def handle(self, *args, initiative: str, **options):
        target = self.get_initiative(initiative)
        run = computation_request(initiative=target, reason="compute command", enqueue=False)
        run = computation_run_execute(run_id=run.pk)
        if run.status != RunStatus.SUCCEEDED:
            self.stderr.write(run.error)
            raise CommandError("The computation failed; the previous results are unchanged.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Computed {target.slug}: {run.rows_in} values in, {run.rows_out} results out, "
                f"{run.duration_seconds:.2f} s."
            )
        )
