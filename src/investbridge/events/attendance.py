"""Attendance from a video service's participant list (CSV exported by Zoom, VooV, BigBlueButton, Jitsi, ...).

Each row is matched to a registration of the event by e-mail first, then by name (as written, in Latin letters,
or with first and last name swapped); a row that matches nobody, or several people, is reported with its row
number. The file is read whole before anything is written, and the marking is one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from investbridge.core.uploads import CSV, validate_upload
from investbridge.events.models import Event, Registration

EMAIL_HEADERS = {
    "email",
    "e-mail",
    "user email",
    "email address",
    "e-mail address",
    "mail",
    "электронная почта",
    "почта",
    "e-mail адрес",
    "邮箱",
    "电子邮件",
    "电子邮箱",
}
NAME_HEADERS = {
    "name",
    "full name",
    "fullname",
    "name (original name)",
    "participant",
    "participant name",
    "display name",
    "user name",
    "имя",
    "фио",
    "участник",
    "имя участника",
    "姓名",
    "名称",
    "参会者",
    "用户名",
}
#: Header rows are looked for among the first rows (some services put a summary above the table).
_HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class UnmatchedRow:
    row: int
    name: str
    email: str
    reason: str


@dataclass
class AttendanceImportResult:
    rows: int = 0
    matched: int = 0
    newly_marked: int = 0
    unmatched: list[UnmatchedRow] = field(default_factory=list)


def normalize_person_name(name: str) -> str:
    return " ".join(re.sub(r"[\"'«».,]", " ", name).casefold().split())


def name_variants(name: str) -> set[str]:
    """The name, the part before and inside parentheses, and each with its words reversed."""
    pieces = [name]
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\([^)]*\)", " ", name)
    pieces += [*inside, outside]
    variants: set[str] = set()
    for piece in pieces:
        normalized = normalize_person_name(piece)
        if normalized:
            variants.add(normalized)
            variants.add(" ".join(reversed(normalized.split())))
    return variants


def _read_rows(file: UploadedFile) -> list[list[str]]:
    validate_upload(file, (CSV,))
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from error
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _find_header(rows: list[list[str]]) -> tuple[int, int | None, int | None]:
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        cells = [cell.strip().casefold() for cell in row]
        email_col = next((i for i, cell in enumerate(cells) if cell in EMAIL_HEADERS), None)
        name_col = next((i for i, cell in enumerate(cells) if cell in NAME_HEADERS), None)
        if email_col is not None or name_col is not None:
            return index, name_col, email_col
    raise ValidationError(
        _("No column of names or e-mail addresses was found in the first %(rows)d rows.")
        % {"rows": _HEADER_SEARCH_ROWS},
        code="no_header",
    )


def import_participants(*, event: Event, file: UploadedFile) -> AttendanceImportResult:
    """Mark the registrations found in the participant list as attended (call inside a transaction)."""
    rows = _read_rows(file)
    header_index, name_col, email_col = _find_header(rows)
    registrations = list(Registration.objects.filter(event=event).select_for_update())
    by_email: dict[str, Registration] = {candidate.email_normalized: candidate for candidate in registrations}
    by_name: dict[str, set[int]] = {}
    for candidate in registrations:
        for source in (candidate.full_name, candidate.name_latin):
            for variant in name_variants(source or ""):
                by_name.setdefault(variant, set()).add(candidate.pk)
    by_pk = {candidate.pk: candidate for candidate in registrations}

    result = AttendanceImportResult()
    seen: set[int] = set()
    now = timezone.now()
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
        email = row[email_col].strip() if email_col is not None and email_col < len(row) else ""
        result.rows += 1
        registration = by_email.get(email.casefold()) if email else None
        if registration is None and name:
            candidates: set[int] = set()
            for variant in name_variants(name):
                candidates |= by_name.get(variant, set())
            if len(candidates) == 1:
                registration = by_pk[candidates.pop()]
            elif len(candidates) > 1:
                result.unmatched.append(
                    UnmatchedRow(offset, name, email, _("Several registrants have this name."))
                )
                continue
        if registration is None:
            result.unmatched.append(
                UnmatchedRow(offset, name, email, _("No registrant with this e-mail or name."))
            )
            continue
        if registration.pk in seen:
            continue  # The same person joined twice (reconnected): counted once.
        seen.add(registration.pk)
        result.matched += 1
        if not registration.attended:
            registration.attended = True
            registration.attended_at = now
            registration.save(update_fields=["attended", "attended_at", "updated_at"])
            result.newly_marked += 1
    return result
