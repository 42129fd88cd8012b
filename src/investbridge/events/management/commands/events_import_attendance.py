"""`investbridge events_import_attendance <slug> participants.csv|.xlsx [--time-zone ZONE]`: attendance from a list."""

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from investbridge.events.attendance import import_participants
from investbridge.events.models import Event


class Command(BaseCommand):
    help = (
        "Mark registrants as attending from a participant list (Tencent Meeting, VooV, Zoom or any table; CSV or "
        "XLSX), matched by e-mail, then name; list the rest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the event's short address")
        parser.add_argument("file", help="the participant list exported by the video service (CSV or XLSX)")
        parser.add_argument(
            "--time-zone",
            default="",
            help="the zone of times written without one (default: the event's host city zone)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        event = Event.objects.filter(slug=options["slug"]).first()
        if event is None:
            raise CommandError(f"No event with the short address {options['slug']!r}.")
        zone = options["time_zone"]
        if zone:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise CommandError(f"Unknown time zone {zone!r}.") from error
        path = Path(options["file"])
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/octet-stream")
        try:
            with transaction.atomic():
                result = import_participants(event=event, file=upload, time_zone=zone or None)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"{result.layout_name}; times read in {result.time_zone}.")
        self.stdout.write(
            f"{result.rows} rows: {result.matched} registrants found, {result.newly_marked} newly marked."
        )
        for row in result.unmatched:
            self.stdout.write(f"row {row.row}: {row.name} <{row.email}>: {row.reason}")
