"""`investbridge events_report <slug> --format pdf --language ru --output report.pdf`: an event's report."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from investbridge.core.fonts import MissingFontError
from investbridge.events import reports
from investbridge.events.models import Event

FORMATS = {"csv": reports.report_csv, "xlsx": reports.report_xlsx, "pdf": reports.report_pdf}


class Command(BaseCommand):
    help = "Write an event's report (registered and attending people and organizations) as CSV, XLSX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the event's short address, e.g. haikou-moscow-2020")
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("--language", choices=settings.LANGUAGE_CODES, default=settings.LANGUAGE_CODE)
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        event = Event.objects.filter(slug=options["slug"]).first()
        if event is None:
            raise CommandError(f"No event with the short address {options['slug']!r}.")
        report = reports.event_report(event=event, language=options["language"])
        try:
            content = FORMATS[options["format"]](report)
        except MissingFontError as error:  # nothing is written: a PDF without its glyphs is no report
            raise CommandError(str(error)) from error
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"{report.headline} → {options['output']}")
