"""Attendance from a video service's participant list (Tencent Meeting, VooV, Zoom, or any table; CSV or XLSX).

The file is read by `attendance_files.read_participants` (layouts, encodings, times and durations).

Each row is matched to a registration of the event by e-mail first, then by name (as written, in Latin letters,
or with first and last name swapped); a row that matches nobody, or several people, is reported with its row
number. The file is read whole before anything is written, and the marking is one transaction.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from investbridge.events.attendance_files import layout_label, read_participants
from investbridge.events.models import Event, Registration


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
    #: "tencent", "voov", "zoom" or "table" (see `attendance_files.layout_label`), and the zone of naive times.
    layout: str = ""
    time_zone: str = ""
    #: Minutes in the meeting per matched registration, summed over rejoins (absent when the file has no times).
    minutes: dict[int, int] = field(default_factory=dict)

    @property
    def layout_name(self) -> str:
        return layout_label(self.layout)


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


def import_participants(
    *, event: Event, file: UploadedFile, time_zone: str | None = None
) -> AttendanceImportResult:
    """Mark the registrations found in the participant list as attended (call inside a transaction).

    Naive times in the file are read in `time_zone` (default: the event's host city zone). A registrant who
    joined several times gets the sum of the rows' durations and the earliest join time as `attended_at`.
    """
    zone_name = time_zone or event.host_time_zone
    zone: tzinfo = ZoneInfo(zone_name)
    participants = read_participants(file, zone=zone)
    registrations = list(Registration.objects.filter(event=event).select_for_update())
    by_email: dict[str, Registration] = {candidate.email_normalized: candidate for candidate in registrations}
    by_name: dict[str, set[int]] = {}
    for candidate in registrations:
        for source in (candidate.full_name, candidate.name_latin):
            for variant in name_variants(source or ""):
                by_name.setdefault(variant, set()).add(candidate.pk)
    by_pk = {candidate.pk: candidate for candidate in registrations}

    result = AttendanceImportResult(layout=participants.layout, time_zone=zone_name)
    first_join: dict[int, datetime | None] = {}
    minutes: dict[int, float] = {}
    for row in participants.rows:
        name, email = row.name, row.email
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
                    UnmatchedRow(row.line, name, email, _("Several registrants have this name."))
                )
                continue
        if registration is None:
            result.unmatched.append(
                UnmatchedRow(row.line, name, email, _("No registrant with this e-mail or name."))
            )
            continue
        # The same person may appear on several rows (reconnected): counted once, their minutes summed.
        earlier = first_join.get(registration.pk)
        if registration.pk not in first_join or (
            row.joined is not None and (earlier is None or row.joined < earlier)
        ):
            first_join[registration.pk] = row.joined
        if row.minutes is not None:
            minutes[registration.pk] = minutes.get(registration.pk, 0.0) + row.minutes

    now = timezone.now()
    for pk, joined in first_join.items():
        registration = by_pk[pk]
        result.matched += 1
        fields = []
        if not registration.attended:
            registration.attended = True
            registration.attended_at = joined or now
            fields += ["attended", "attended_at"]
            result.newly_marked += 1
        if pk in minutes:
            result.minutes[pk] = round(minutes[pk])
            registration.attended_minutes = result.minutes[pk]
            fields.append("attended_minutes")
        if fields:
            registration.save(update_fields=[*fields, "updated_at"])
    return result
