"""`investbridge directory import organizations|people PATH [--language ru]`: import a CSV or XLSX file."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from investbridge.directory import importing


class Command(BaseCommand):
    help = "Directory tools. 'import organizations|people PATH': import a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Import organizations or people from a CSV or XLSX file.")
        load.add_argument("kind", choices=[importing.ORGANIZATIONS, importing.PEOPLE])
        load.add_argument("path", type=Path)
        load.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=settings.LANGUAGE_CODES,
            help="Language of the messages (ru, zh-hans or en).",
        )
        load.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        with translation.override(options["language"]):
            if not path.is_file():
                raise CommandError(_("File not found: %(path)s") % {"path": path})
            bar = tqdm(unit=_("rows"), disable=options["no_progress"], file=self.stderr._out)
            try:
                result = importing.import_path(
                    kind=options["kind"],
                    path=path,
                    on_start=lambda total: bar.reset(total=total),
                    progress=bar.update,
                )
            finally:
                bar.close()
            if not result.ok:
                for error in result.errors:
                    column = error.column or "—"
                    self.stderr.write(
                        _("Line %(line)s, column %(column)s: %(message)s")
                        % {"line": error.line, "column": column, "message": error.message}
                    )
                raise CommandError(
                    _(
                        "Nothing was imported: %(count)s problem(s) found. Correct the file and run the import again."
                    )
                    % {"count": len(result.errors)}
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported %(count)s record(s) from %(path)s.") % {"count": result.created, "path": path}
                )
            )
