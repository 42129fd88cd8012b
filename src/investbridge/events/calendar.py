"""RFC 5545 calendar files (icalendar) for events and for each registrant.

- The public file (METHOD:PUBLISH) has the event's stable UID `<event uid>@<host>` and never a join link.
- A registrant's file (METHOD:REQUEST) has the UID `<event uid>-<registration id>@<host>`, so each update
  replaces the same entry in their calendar; it carries the personal join link only for a confirmed registrant.
- SEQUENCE is the event's sequence (raised on every change of time, place or status) plus the registration's
  own (raised on cancellation or change); a cancelled registration or event gets METHOD:CANCEL, STATUS:CANCELLED.
Times are written in UTC (DTSTART:...Z), which every calendar shows in its owner's zone; the description
also gives both cities' times in the registrant's language.
"""

import urllib.parse
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from investbridge.core.urls import absolute_url
from investbridge.events.models import Event, Registration, RegistrationStatus
from investbridge.events.times import City, format_range_in_cities


def _host() -> str:
    return urllib.parse.urlsplit(settings.SITE_URL).hostname or "investbridge.local"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{_host()}"


def registration_uid(registration: Registration) -> str:
    return f"{registration.event.uid}-{registration.pk}@{_host()}"


def cities_of(event: Event, language: str) -> list[City]:
    """The partner and host cities (partner first: "10:00 Moscow · 15:00 Haikou"), named in the language."""
    with override(language):
        return [
            City(name=str(event.partner_city), zone=event.partner_time_zone),
            City(name=str(event.host_city), zone=event.host_time_zone),
        ]


def _description(event: Event, language: str, join_url: str = "", manage_url: str = "") -> str:
    with override(language):
        lines = [
            format_range_in_cities(
                event.starts_at, event.ends_at, cities_of(event, language), language=language
            ),
            "",
            str(event.summary or ""),
        ]
        if join_url:
            lines += ["", _("Your personal link to join: %(url)s") % {"url": join_url}]
        if manage_url:
            lines += ["", _("Change or cancel your registration: %(url)s") % {"url": manage_url}]
        return "\n".join(line for line in lines).strip()


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//InvestBridge//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _vevent(event: Event, *, uid: str, sequence: int, language: str, status: str) -> VEvent:
    with override(language):
        vevent = VEvent()
        vevent.add("uid", uid)
        vevent.add("dtstamp", timezone.now().astimezone(UTC))
        vevent.add("dtstart", event.starts_at.astimezone(UTC))
        vevent.add("dtend", event.ends_at.astimezone(UTC))
        vevent.add("summary", str(event.title))
        vevent.add("sequence", sequence)
        vevent.add("status", status)
        vevent.add("url", absolute_url("events:detail", language=language, args=[event.slug]))
        if event.venue:
            vevent.add("location", str(event.venue))
        vevent.add(
            "last-modified", event.updated_at.astimezone(UTC) if event.updated_at else datetime.now(UTC)
        )
        organizer = vCalAddress(
            f"mailto:{(settings.DEFAULT_FROM_EMAIL or '').rpartition('<')[2].rstrip('>')}"
        )
        organizer.params["cn"] = vText(str(event.organizer) if event.organizer else _("InvestBridge"))
        vevent.add("organizer", organizer)
        return vevent


def public_calendar(event: Event, *, language: str) -> bytes:
    """The event's public .ics: no join link, whatever the video room."""
    calendar = _calendar("PUBLISH")
    vevent = _vevent(
        event, uid=event_uid(event), sequence=event.sequence, language=language, status="CONFIRMED"
    )
    vevent.add("description", _description(event, language))
    calendar.add_component(vevent)
    return calendar.to_ical()


#: The registrant's participation status (RFC 5545 PARTSTAT): only a confirmed place is ACCEPTED; a waitlisted
#: registrant may still get a place (TENTATIVE), a pending one waits for the office's decision (NEEDS-ACTION).
_PARTSTAT: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "ACCEPTED",
    RegistrationStatus.WAITLISTED: "TENTATIVE",
    RegistrationStatus.PENDING: "NEEDS-ACTION",
}


def _partstat(status: str) -> str:
    return _PARTSTAT.get(status, "NEEDS-ACTION")


def registration_calendar(
    registration: Registration, *, join_url: str = "", manage_url: str = "", cancelled: bool | None = None
) -> bytes:
    """The registrant's own .ics, in their language; `join_url` is given only for a confirmed registrant."""
    event = registration.event
    language = registration.language
    if cancelled is None:
        cancelled = registration.status in {RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED}
    if registration.status != RegistrationStatus.CONFIRMED:
        join_url = ""  # Only confirmed registrants ever receive the link.
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    vevent = _vevent(
        event,
        uid=registration_uid(registration),
        sequence=event.sequence + registration.sequence,
        language=language,
        status="CANCELLED"
        if cancelled
        else ("CONFIRMED" if registration.status == RegistrationStatus.CONFIRMED else "TENTATIVE"),
    )
    vevent.add("description", _description(event, language, join_url=join_url, manage_url=manage_url))
    if join_url:
        vevent.add("x-investbridge-join-url", join_url)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.full_name)
    attendee.params["partstat"] = vText("DECLINED" if cancelled else _partstat(registration.status))
    vevent.add("attendee", attendee)
    calendar.add_component(vevent)
    return calendar.to_ical()
