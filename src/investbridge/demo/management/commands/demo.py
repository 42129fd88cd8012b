"""`investbridge demo`: load the demonstration data of `investbridge/demo/data/` (docs/demo.md).

The demo creates accounts with a published password, so it only loads into the embedded default SQLite database
(`var/investbridge.sqlite3`, what `make run` uses) unless `--force` says the target database is meant for it. A
database that has the demo already is left as it is, so `make run` can load it every time.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from investbridge.demo.files import DemoDataError
from investbridge.demo.loader import DATA_DIR, load


def is_embedded_default_database() -> bool:
    """True when the default database is the embedded SQLite file that development uses."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict.get("NAME") or "")
    return Path(name).resolve() == Path(settings.DEFAULT_SQLITE).resolve()


class Command(BaseCommand):
    help = "Load the demonstration data (the Haikou promotion office). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo into a database other than the embedded default SQLite file.",
        )
        parser.add_argument(
            "--data",
            type=Path,
            default=DATA_DIR,
            help="The folder of the data files (default: the demo's own).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["force"] and not is_embedded_default_database():
            raise CommandError(
                f"Refusing to load the demo (accounts with a published password) into {connection.vendor} "
                f"database {connection.settings_dict.get('NAME')!r}: the demo only goes into the embedded default "
                f"SQLite database ({settings.DEFAULT_SQLITE}). Add --force if this database is meant for it."
            )
        try:
            loaded = load(stdout=self.stdout, directory=options["data"])
        except DemoDataError as error:
            raise CommandError(f"The demo was not loaded (nothing was saved): {error}") from error
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
