"""What the measurement commands share: finding the initiative and failing with the
file's problems listed, one per line, and a non-zero exit."""

from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative


class MeasurementCommand(BaseCommand):
    def add_initiative_argument(self, parser) -> None:
        parser.add_argument(
            "--initiative", required=True, metavar="SLUG", help="the initiative's short name"
        )

    def get_initiative(self, slug: str) -> Initiative:
        try:
            return Initiative.objects.get(slug=slug)
        except Initiative.DoesNotExist:
            raise CommandError(f"There is no initiative {slug!r}.") from None

    def fail_with(self, errors: list[str]) -> None:
        for error in errors:
            self.stderr.write(error)
        raise CommandError(f"{len(errors)} problem(s); nothing was written.")
