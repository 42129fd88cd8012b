"""The office's export of the draft schedule (CSV and XLSX), written by core/exports.py: names neutralized,
the priority a number, the day a date cell (the host city's date, as the schedule page shows it)."""

import zoneinfo

from django.http import HttpResponse
from django.utils.translation import gettext as _

from investbridge.core.exports import (
    Cell,
    Sheet,
    csv_response,
    reader_name_cells,
    reader_name_header,
    xlsx_response,
)
from investbridge.events.models import Event
from investbridge.matchmaking import agenda, names, selectors

FORMATS = ("csv", "xlsx")


def schedule_header() -> list[Cell]:
    return [
        _("Date"),
        _("Time"),
        _("Room"),
        _("Video link"),
        _("Participant"),
        *reader_name_header(),
        _("Participant"),
        *reader_name_header(),
        _("Interpreter"),
        *reader_name_header(),
        _("Priority"),
        _("Locked"),
    ]


def schedule_rows(*, event: Event, language: str) -> list[list[Cell]]:
    """One row per scheduled meeting of the draft, in time order; each organization as stored and for a reader
    of `language` (transliterations marked with their system)."""
    host_zone = zoneinfo.ZoneInfo(event.host_time_zone)
    rows: list[list[Cell]] = []
    for meeting in selectors.draft_meetings(event=event):
        if meeting.slot is None:
            continue
        request = meeting.request
        rows.append(
            [
                meeting.slot.starts_at.astimezone(host_zone).date(),
                agenda.slot_label(meeting.slot, event, language=language),
                meeting.room.name if meeting.room else "",
                meeting.room.url if meeting.room else "",
                request.requester.organization_name,
                *reader_name_cells(names.organization_reader_name(request.requester, language)),
                request.recipient.organization_name,
                *reader_name_cells(names.organization_reader_name(request.recipient, language)),
                meeting.interpreter.name if meeting.interpreter else "",
                *(
                    reader_name_cells(names.written_person_name(meeting.interpreter.name, language))
                    if meeting.interpreter
                    else ["", ""]
                ),
                request.priority,
                _("yes") if meeting.locked else "",
            ]
        )
    return rows


def schedule_export(*, event: Event, language: str, fmt: str) -> HttpResponse:
    """The draft schedule as a CSV or XLSX download (`fmt` is one of FORMATS)."""
    filename = f"meetings-{event.slug}.{fmt}"
    header, rows = schedule_header(), schedule_rows(event=event, language=language)
    if fmt == "csv":
        return csv_response(rows, header=header, filename=filename)
    if fmt == "xlsx":
        return xlsx_response([Sheet(name=_("Meetings"), header=header, rows=rows)], filename=filename)
    raise ValueError(f"Unknown export format {fmt!r}")
