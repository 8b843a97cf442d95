"""``manage.py load_demo``: load (or reset) the demo initiative, optionally as of a given day."""

from argparse import ArgumentTypeError
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.data.people import DEMO_ACCOUNTS
from demo.load import demo_load


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Load (or reset) the River City demo initiative, dated from today. Demo accounts with "
        "the published password are created only when DEBUG is on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=_day,
            metavar="YYYY-MM-DD",
            help="load the demo as if today were this day (for reproducible runs)",
        )

    def handle(self, *args, today: date | None = None, **options):
        create_accounts = settings.DEBUG
        initiative = demo_load(create_accounts=create_accounts, today=today)
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo initiative “{initiative.name}”."))
        if not create_accounts:
            self.stdout.write(
                "DEBUG is off, so no demo accounts were created. "
                "Create an administrator with: manage.py createsuperuser"
            )
            return
        self.stdout.write(f"\nDemo accounts (password: {settings.DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<28} {account.role.label}")
        self.stdout.write("\nOpen http://127.0.0.1:8000/ and sign in.\n")
