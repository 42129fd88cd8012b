"""`investbridge pipeline <action>`: the pipeline's scheduled jobs (run them from cron or a timer)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from investbridge.core.dates import validate_date
from investbridge.pipeline import services, tasks


class Command(BaseCommand):
    help = "Pipeline jobs: send-digests, send-warnings, send-reminders, route-expressions."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        digests = actions.add_parser(
            "send-digests", help="Queue today's digest for every officer and partner user."
        )
        digests.add_argument("--day", help="The day (YYYY-MM-DD); today by default.")
        actions.add_parser(
            "send-warnings", help="Warn officers about inquiries whose reply is due soon or overdue."
        )
        actions.add_parser("send-reminders", help="Send the task reminders whose time has come.")
        actions.add_parser(
            "route-expressions", help="Turn the region's new expressions of interest into inquiries."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "send-digests":
            try:
                day = date.fromisoformat(options["day"]) if options.get("day") else timezone.localdate()
                validate_date(day)
            except (ValueError, ValidationError) as error:
                raise CommandError(
                    "--day must be a date YYYY-MM-DD from 1900-01-01 to 2199-12-31."
                ) from error
            count = tasks.digests_enqueue(day=day)
            self.stdout.write(f"Queued {count} digests for {day.isoformat()}.")
        elif action == "send-warnings":
            self.stdout.write(f"Sent {services.inquiry_overdue_warnings_send()} warnings.")
        elif action == "send-reminders":
            self.stdout.write(f"Sent {services.task_reminders_send()} reminders.")
        elif action == "route-expressions":
            routed = services.expressions_of_interest_route()
            self.stdout.write(f"Routed {routed} expressions of interest into inquiries.")
