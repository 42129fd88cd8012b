"""`investbridge matchmaking_expire`: expire unanswered meeting requests past their deadline (run it from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from investbridge.matchmaking import services


class Command(BaseCommand):
    help = "Expire meeting requests that were not answered in time."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.requests_expire()
        self.stdout.write(f"{count} request(s) expired.\n")
