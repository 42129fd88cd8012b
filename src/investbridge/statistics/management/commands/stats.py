"""`investbridge stats import PATH` and `investbridge stats report --from ... --to ... --format json`."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from tqdm import tqdm

from investbridge.core import tempfiles
from investbridge.core.dates import validate_date
from investbridge.statistics import services
from investbridge.statistics.labels import error_line
from investbridge.statistics.models import ImportSource


def _date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error
    try:
        validate_date(day)
    except ValidationError as error:
        raise CommandError(error.messages[0]) from error
    return day


class Command(BaseCommand):
    help = "Official statistics: import a registry file, or print the registry report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            default=None,
            choices=settings.LANGUAGE_CODES,
            help="Language of the messages (default: the office's interface language).",
        )
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help="Import a registry file (CSV, XLSX or Parquet).")
        importing.add_argument("path", type=Path)
        importing.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")
        report = actions.add_parser("report", help="Print the report for a period.")
        report.add_argument("--from", dest="date_from", required=True, type=_date)
        report.add_argument("--to", dest="date_to", required=True, type=_date)
        report.add_argument(
            "--foreign-capital", action="store_true", help="Only entities with foreign capital."
        )
        report.add_argument(
            "--country", default=None, help="Only entities with an investor from this country."
        )
        report.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            if options["action"] == "import":
                with tempfiles.signals_exit_cleanly():
                    self._import(options["path"], show_progress=not options["no_progress"])
            else:
                self._report(options)

    def _import(self, path: Path, *, show_progress: bool) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        bar = tqdm(desc="Validating", unit=" rows", disable=not show_progress, file=self.stderr._out)
        write_bar: tqdm | None = None

        def written(count: int) -> None:
            nonlocal write_bar
            if write_bar is None:
                bar.close()
                write_bar = tqdm(
                    desc="Writing", unit=" rows", disable=not show_progress, file=self.stderr._out
                )
            write_bar.update(count)

        try:
            batch = services.registry_import(
                path=path,
                file_name=path.name,
                source=ImportSource.CLI,
                progress=services.ImportProgress(validated=bar.update, written=written),
            )
        except services.RegistryFileInvalid as rejected:
            bar.close()
            for error in rejected.errors:
                self.stderr.write(error_line(error))
            if rejected.error_count > len(rejected.errors):
                self.stderr.write(f"... {rejected.error_count - len(rejected.errors)} more")
            raise CommandError(
                f"{path.name}: {rejected.error_count} error(s); nothing was imported."
            ) from rejected
        finally:
            bar.close()
            if write_bar is not None:
                write_bar.close()
        self.stdout.write(
            f"{batch.file_name}: {batch.rows_total} rows; {batch.rows_created} new, {batch.rows_updated} updated, "
            f"{batch.rows_unchanged} unchanged (SHA-256 {batch.sha256})."
        )

    def _report(self, options: dict[str, Any]) -> None:
        if options["date_to"] < options["date_from"]:
            raise CommandError("--to must not be earlier than --from.")
        report = services.registry_report(
            date_from=options["date_from"],
            date_to=options["date_to"],
            foreign_capital=options["foreign_capital"],
            country=options["country"],
        )
        self.stdout.write(json.dumps(report.contract(), ensure_ascii=False))
