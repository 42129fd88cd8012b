"""A participant's published agenda: times in both cities' zones (and its own), rooms, interpreters, and its
RFC 5545 calendar file.

Each meeting has a stable UID `<meeting uid>@<host>`; its SEQUENCE rises whenever the published time, room or
interpreter changes, and a meeting taken out of the schedule stays in the file with STATUS:CANCELLED, so a
calendar that imported the file updates the same entries.
"""

import urllib.parse
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar
from icalendar import Event as VEvent

from investbridge.events.times import City, format_day, format_range_in_cities, local_times
from investbridge.matchmaking import selectors
from investbridge.matchmaking.languages import language_names
from investbridge.matchmaking.models import Meeting, Profile


def cities(event: Any, language: str) -> list[City]:
    """The partner city first, then the host city, named in the language."""
    with override(language):
        return [
            City(name=str(event.partner_city), zone=event.partner_time_zone),
            City(name=str(event.host_city), zone=event.host_time_zone),
        ]


def slot_label(slot: Any, event: Any, *, language: str, reader_zone: str | None = None) -> str:
    """ "10:00–10:20 Moscow · 15:00–15:20 Haikou" (plus the reader's zone when it is neither)."""
    return format_range_in_cities(
        slot.starts_at, slot.ends_at, cities(event, language), language=language, reader_zone=reader_zone
    )


def slot_day(slot: Any, event: Any, *, language: str) -> str:
    first = local_times(slot.starts_at, cities(event, language)[1:], language=language)[0]
    return format_day(first.local, language)


@dataclass(frozen=True)
class AgendaItem:
    meeting: Meeting
    other: Profile
    day: str
    times: str
    room: str
    url: str
    interpreter: str


def _other(meeting: Meeting, profile: Profile) -> Profile:
    request = meeting.request
    return request.recipient if request.requester_id == profile.pk else request.requester


def agenda_for(profile: Profile, *, language: str) -> list[AgendaItem]:
    event = profile.event
    items = []
    for meeting in selectors.published_meetings(event=event, profile=profile):
        slot = meeting.published_slot
        assert slot is not None
        room = meeting.published_room
        interpreter = meeting.published_interpreter
        items.append(
            AgendaItem(
                meeting=meeting,
                other=_other(meeting, profile),
                day=slot_day(slot, event, language=language),
                times=slot_label(slot, event, language=language, reader_zone=profile.time_zone),
                room=room.name if room else "",
                url=room.url if room else "",
                interpreter=(
                    f"{interpreter.name} ({language_names(interpreter.languages)})" if interpreter else ""
                ),
            )
        )
    return items


def _host() -> str:
    return urllib.parse.urlsplit(settings.SITE_URL).hostname or "investbridge.local"


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{_host()}"


def calendar_for(profile: Profile, *, language: str) -> bytes:
    """The participant's meetings as an RFC 5545 calendar (METHOD:PUBLISH), texts in its language."""
    event = profile.event
    calendar = Calendar()
    calendar.add("prodid", "-//InvestBridge//Matchmaking//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with override(language):
        calendar.add("x-wr-calname", _("Meetings: %(title)s") % {"title": event.title})
        for meeting in selectors.calendar_meetings(profile=profile):
            slot = meeting.published_slot
            assert slot is not None
            other = _other(meeting, profile)
            room = meeting.published_room
            vevent = VEvent()
            vevent.add("uid", meeting_uid(meeting))
            vevent.add("dtstamp", timezone.now().astimezone(UTC))
            vevent.add("dtstart", slot.starts_at.astimezone(UTC))
            vevent.add("dtend", slot.ends_at.astimezone(UTC))
            vevent.add("sequence", meeting.sequence)
            vevent.add("status", "CANCELLED" if meeting.published_cancelled else "CONFIRMED")
            vevent.add(
                "summary", _("Meeting with %(organization)s") % {"organization": other.organization_name}
            )
            lines = [slot_label(slot, event, language=language, reader_zone=profile.time_zone)]
            if room is not None:
                lines.append(_("Room: %(room)s") % {"room": room.name})
                if room.url:
                    vevent.add("location", room.url)
                    vevent.add("url", room.url)
            if meeting.published_interpreter is not None:
                lines.append(_("Interpreter: %(name)s") % {"name": meeting.published_interpreter.name})
            vevent.add("description", "\n".join(lines))
            calendar.add_component(vevent)
    return bytes(calendar.to_ical())
