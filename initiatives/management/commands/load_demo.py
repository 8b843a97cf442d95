from django.conf import settings
from django.core.management.base import BaseCommand

from initiatives.demo import DEMO_ACCOUNTS, demo_load


class Command(BaseCommand):
    help = (
        "Load (or reset) the River City demo initiative. Demo accounts with the published "
        "password are created only when DEBUG is on."
    )

    def handle(self, *args, **options):
        create_accounts = settings.DEBUG
        initiative = demo_load(create_accounts=create_accounts)
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
