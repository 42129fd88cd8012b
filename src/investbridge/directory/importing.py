"""Import of organizations and people from CSV or XLSX files: all or nothing.

Every problem is reported with the file line (the header is line 1), the column and the reason, in the active
language; if there is any problem, nothing is saved. The formats are described in docs/directory.md.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from investbridge.core.archives import ArchiveTooLarge, check_zip
from investbridge.core.uploads import archive_too_large_message
from investbridge.directory import services
from investbridge.directory.models import Organization

ORGANIZATIONS = "organizations"
PEOPLE = "people"

ORGANIZATION_COLUMNS = (
    "kind", "name_ru", "name_zh_hans", "name_en", "description_ru", "description_zh_hans", "description_en",
    "country", "city", "sectors", "website", "uscc", "inn", "ogrn", "is_partner",
)  # fmt: skip
PEOPLE_COLUMNS = (
    "full_name", "name_latin", "email", "phone", "country", "languages", "preferred_language",
    "organization", "position", "consent", "consent_source", "consent_at",
)  # fmt: skip
REQUIRED = {ORGANIZATIONS: ("country",), PEOPLE: ("full_name",)}
#: Other spellings accepted in headers.
ALIASES = {"name_zh": "name_zh_hans", "description_zh": "description_zh_hans", "partner": "is_partner"}
TRUE_WORDS = {"1", "yes", "y", "true", "да", "д", "是", "x", "✓"}
FALSE_WORDS = {"", "0", "no", "n", "false", "нет", "н", "否"}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(Exception):
    """The file cannot be read at all (not CSV/XLSX, broken, no header)."""


def read_table(file: IO[bytes], *, filename: str = "") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line number, cells)]) from CSV (UTF-8; comma, semicolon or tab) or XLSX (first sheet)."""
    head = file.read(4)
    file.seek(0)
    if head.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        rows = list(_read_xlsx(file))
    else:
        rows = list(_read_csv(file))
    rows = [(line, cells) for line, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:
        raise ImportFileError(_("The file is empty: it needs a header line and at least one row."))
    header_line, header = rows[0]
    if header_line != 1:
        raise ImportFileError(_("The first line of the file must be the header with the column names."))
    return [cell.strip().lower() for cell in header], rows[1:]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(file: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        check_zip(file)
    except ArchiveTooLarge as error:
        raise ImportFileError(archive_too_large_message()) from error
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The spreadsheet cannot be read; save it again as .xlsx.")) from error
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on broken files
        raise ImportFileError(_("The spreadsheet cannot be read; save it again as .xlsx.")) from error
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in row]
    finally:
        workbook.close()


def _read_csv(file: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The CSV file must be saved in UTF-8 encoding.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, [cell.strip() for cell in cells]
        line = reader.line_num + 1


def _yes_no(value: str, *, line: int, column: str, errors: list[RowError]) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word not in FALSE_WORDS:
        errors.append(
            RowError(line, column, _("Write yes or no (or 1 or 0), not “%(value)s”.") % {"value": value})
        )
    return False


def _errors_from(error: ValidationError, *, line: int, columns: dict[str, str]) -> list[RowError]:
    found: list[RowError] = []
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            column = columns.get(name, "" if name == "__all__" else name)
            found.extend(RowError(line, column, message) for message in messages)
    else:
        found.extend(RowError(line, "", message) for message in error.messages)
    return found


def run_import(
    *,
    kind: str,
    file: IO[bytes],
    filename: str = "",
    actor: Any = None,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import a whole file in one transaction; if any row has a problem, nothing is saved.

    `on_start(total rows)` and `progress(1)` per row let a caller show a progress bar.
    """
    result = ImportResult(kind=kind)
    expected = ORGANIZATION_COLUMNS if kind == ORGANIZATIONS else PEOPLE_COLUMNS
    try:
        header, rows = read_table(file, filename=filename)
    except ImportFileError as error:
        result.errors.append(RowError(1, "", str(error)))
        return result
    header = [ALIASES.get(name, name) for name in header]
    for name in header:
        if name and name not in expected:
            result.errors.append(
                RowError(
                    1,
                    name,
                    _("Unknown column; the columns are: %(columns)s.") % {"columns": ", ".join(expected)},
                )
            )
    for name in REQUIRED[kind]:
        if name not in header:
            result.errors.append(RowError(1, name, _("This column is required.")))
    if kind == ORGANIZATIONS and not {"name_ru", "name_zh_hans", "name_en"} & set(header):
        result.errors.append(RowError(1, "name_ru", _("At least one name column is required.")))
    if kind == PEOPLE and "email" not in header:
        result.errors.append(RowError(1, "email", _("This column is required.")))
    if result.errors:
        return result
    records = [
        (line, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
        for line, cells in rows
    ]
    result.rows = len(records)
    if on_start:
        on_start(len(records))
    with transaction.atomic():
        importer = _import_organization if kind == ORGANIZATIONS else _import_person
        seen: dict[str, int] = {}
        for line, record in records:
            row_errors: list[RowError] = []
            for key, label in _row_keys(kind, record):
                if key in seen:
                    row_errors.append(
                        RowError(
                            line,
                            label,
                            _("Repeats line %(other)s of this file.") % {"other": seen[key]},
                        )
                    )
                else:
                    seen[key] = line
            if row_errors:
                # A repeated row is not saved, but its other problems are reported all the same.
                row_errors += _validation_errors(kind, line=line, record=record)
            else:
                row_errors = importer(line=line, record=record, actor=actor)
            if row_errors:
                result.errors.extend(row_errors)
            else:
                result.created += 1
            if progress:
                progress(1)
        if result.errors:
            transaction.set_rollback(True)
            result.created = 0
    return result


def _row_keys(kind: str, record: dict[str, str]) -> list[tuple[str, str]]:
    """Keys that must not repeat inside one file, with the column to blame."""
    keys = []
    if kind == ORGANIZATIONS:
        for column in ("name_ru", "name_zh_hans", "name_en"):
            key = services.name_key(record.get(column, ""))
            if key:
                keys.append((f"name:{key}", column))
        for column in ("inn", "uscc"):
            value = record.get(column, "").strip().upper()
            if value:
                keys.append((f"{column}:{value}", column))
    else:
        email = services.normalize_email(record.get("email", ""))
        if email:
            keys.append((f"email:{email}", "email"))
    # One row naming itself twice (the same name in two languages) is not a repeat.
    unique: dict[str, str] = {}
    for key, column in keys:
        unique.setdefault(key, column)
    return list(unique.items())


def _organization_data(*, line: int, record: dict[str, str], errors: list[RowError]) -> dict[str, Any]:
    data: dict[str, Any] = {name: record.get(name, "") for name in ORGANIZATION_COLUMNS}
    data["kind"] = record.get("kind", "").strip().lower() or "company"
    data["sectors"] = [
        code for code in record.get("sectors", "").replace(";", ",").replace(" ", ",").split(",") if code
    ]
    data["is_partner"] = _yes_no(record.get("is_partner", ""), line=line, column="is_partner", errors=errors)
    return data


def _validation_errors(kind: str, *, line: int, record: dict[str, str]) -> list[RowError]:
    """The row's field problems, without saving anything."""
    errors: list[RowError] = []
    try:
        if kind == ORGANIZATIONS:
            services.organization_clean(_organization_data(line=line, record=record, errors=errors))
        else:
            services.person_clean(_person_data(line=line, record=record, errors=errors))
    except ValidationError as error:
        errors.extend(_errors_from(error, line=line, columns={"consent_to_contact": "consent"}))
    return errors


def _import_organization(*, line: int, record: dict[str, str], actor: Any) -> list[RowError]:
    errors: list[RowError] = []
    data = _organization_data(line=line, record=record, errors=errors)
    try:
        with transaction.atomic():
            services.organization_create(actor=actor, data=data)
    except services.DuplicateError as error:
        existing = error.existing
        errors.append(
            RowError(
                line,
                next((c for c in ("name_ru", "name_zh_hans", "name_en") if record.get(c)), "name_ru"),
                _("The directory already has this organization: “%(name)s” (no. %(id)s).")
                % {"name": existing.name, "id": existing.pk},
            )
        )
    except ValidationError as error:
        errors.extend(_errors_from(error, line=line, columns={}))
    return errors


def _find_organization(reference: str) -> Organization | None:
    reference = reference.strip()
    if reference.isdigit():
        found = Organization.objects.filter(inn=reference, merged_into__isnull=True).first()
        if found is not None:
            return found
    return services.organization_find_by_name(name=reference)


def _person_data(*, line: int, record: dict[str, str], errors: list[RowError]) -> dict[str, Any]:
    data: dict[str, Any] = {name: record.get(name, "") for name in PEOPLE_COLUMNS}
    data["consent_to_contact"] = _yes_no(
        record.get("consent", ""), line=line, column="consent", errors=errors
    )
    data["preferred_language"] = record.get("preferred_language", "").strip().lower() or "ru"
    consent_at = str(data.pop("consent_at", "")).strip()
    if consent_at:
        try:
            parsed = datetime.fromisoformat(consent_at)
            data["consent_at"] = parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)
        except ValueError:
            errors.append(
                RowError(
                    line,
                    "consent_at",
                    _("Write the date as YYYY-MM-DD, not “%(value)s”.") % {"value": consent_at},
                )
            )
    return data


def _import_person(*, line: int, record: dict[str, str], actor: Any) -> list[RowError]:
    errors: list[RowError] = []
    data = _person_data(line=line, record=record, errors=errors)
    organization = None
    reference = record.get("organization", "").strip()
    if reference:
        organization = _find_organization(reference)
        if organization is None:
            errors.append(
                RowError(
                    line,
                    "organization",
                    _("No organization “%(value)s” in the directory; import or create it first.")
                    % {"value": reference},
                )
            )
    if not services.normalize_email(record.get("email", "")):
        errors.append(RowError(line, "email", _("Enter an e-mail address.")))
    try:
        with transaction.atomic():
            services.person_create(
                actor=actor, data=data, organization=organization, position=record.get("position", "")
            )
    except services.DuplicateError as error:
        errors.append(
            RowError(
                line,
                "email",
                _("The directory already has a person with this e-mail address: %(name)s.")
                % {"name": error.existing.full_name},
            )
        )
    except ValidationError as error:
        errors.extend(_errors_from(error, line=line, columns={"consent_to_contact": "consent"}))
    if errors:
        return sorted(
            set(errors), key=lambda e: PEOPLE_COLUMNS.index(e.column) if e.column in PEOPLE_COLUMNS else 99
        )
    return []


def import_path(*, kind: str, path: Path, **kwargs: Any) -> ImportResult:
    with path.open("rb") as handle:
        return run_import(kind=kind, file=handle, filename=path.name, **kwargs)
