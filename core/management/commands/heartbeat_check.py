"""``manage.py heartbeat_check worker|beat``: exits 0 when that process recorded its heartbeat
lately (core.health), 1 otherwise. The beat container's healthcheck (docker-compose.yml)."""

from django.core.management.base import BaseCommand, CommandError

from core.health import HEARTBEAT_STALE_AFTER, heartbeat_age


class Command(BaseCommand):
    help = "Exit 1 unless the worker's or beat's heartbeat is recent."

    def add_arguments(self, parser):
        parser.add_argument("who", choices=["worker", "beat"])

    def handle(self, *args, who: str, **options):
        age = heartbeat_age(who)
        if age is None:
            raise CommandError(f"No heartbeat of {who} yet.")
        if age > HEARTBEAT_STALE_AFTER:
            raise CommandError(f"No heartbeat of {who} for {int(age)} s.")
        self.stdout.write(f"{who}: heartbeat {int(age)} s ago")
