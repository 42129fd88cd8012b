"""E-mails to registrants, each in the registrant's own language with their calendar file attached.

Services call `tasks.queue_registration_mail` inside their transaction; the mail leaves only if it commits (the
task renders and sends it with `send_registration_mail`). This module does not import the tasks.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from investbridge.core import mail
from investbridge.core.urls import absolute_url
from investbridge.events.calendar import cities_of, registration_calendar
from investbridge.events.models import Registration, RegistrationStatus, VideoProviderKind, VideoRoom
from investbridge.events.times import format_in_cities, format_range_in_cities
from investbridge.events.video import Participant, VideoServiceError, provider_for

#: The kinds of registration mail, each with its template events/email/<kind>.txt.
KINDS = (
    "confirmed",
    "waitlisted",
    "pending",
    "promoted",
    "approved",
    "declined",
    "cancelled",
    "moved",
    "updated",
    "announcement",
    "already_registered",
)

#: The mail to an e-mail that is registered already when someone registers it again: its own link, never shown
#: to whoever sent the form.
ALREADY_REGISTERED = "already_registered"

#: The mail queued with a new registration, before its place is decided (in the same transaction, under the
#: event's lock): when it is sent it is the mail of the status the registration has then (confirmed, waitlisted
#: or pending), and none if it has been cancelled or declined meanwhile (that change sent its own mail).
REGISTERED = "registered"
_REGISTERED_KINDS: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "confirmed",
    RegistrationStatus.WAITLISTED: "waitlisted",
    RegistrationStatus.PENDING: "pending",
}


def manage_url(registration: Registration) -> str:
    return absolute_url("events:manage", language=registration.language, args=[registration.manage_token])


def join_url_for(registration: Registration) -> str:
    """The registrant's (personal where possible) join link; empty unless the registration is confirmed.

    For BigBlueButton the link is the registrant's own address on this site, which makes sure the meeting exists
    (`create` is idempotent) and then forwards to their signed `join` URL.
    """
    if registration.status != RegistrationStatus.CONFIRMED:
        return ""
    room = VideoRoom.objects.filter(event_id=registration.event_id).first()
    if room is None:
        return ""
    if room.provider == VideoProviderKind.BBB:
        return absolute_url(
            "events:manage_join", language=registration.language, args=[registration.manage_token]
        )
    return provider_join_url(registration, room)


def provider_join_url(registration: Registration, room: VideoRoom) -> str:
    """The video service's own join URL for this registrant (empty when the room has no provider)."""
    try:
        provider = provider_for(room)
    except VideoServiceError:
        return ""
    if provider is None:
        return ""
    participant = Participant(
        name=registration.full_name, email=registration.email, user_id=f"registration-{registration.pk}"
    )
    return provider.join_url(room, participant)


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirmed": _("Your place is confirmed: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "pending": _("We have received your registration: %(title)s"),
        "promoted": _("A place has opened for you: %(title)s"),
        "approved": _("Your registration is approved: %(title)s"),
        "declined": _("Your registration could not be accepted: %(title)s"),
        "cancelled": _("Your registration is cancelled: %(title)s"),
        "moved": _("Your registration has moved: %(title)s"),
        "updated": _("The event has changed: %(title)s"),
        "announcement": _("News about %(title)s"),
        "already_registered": _("You are already registered: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def build_registration_mail(registration: Registration, kind: str, *, message: str = "") -> mail.Outgoing:
    """The e-mail of this kind for the registrant, rendered in their language with their .ics attached."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    event = registration.event
    language = registration.language
    with override(language):
        cities = cities_of(event, language)
        reader_zone = registration.time_zone or None
        join_url = join_url_for(registration)
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "message": message,
            "when": format_in_cities(
                event.starts_at, cities, language=language, reader_zone=reader_zone, with_date=True
            ),
            "span": format_range_in_cities(
                event.starts_at, event.ends_at, cities, language=language, reader_zone=reader_zone
            ),
            "join_url": join_url,
            "manage_url": manage_url(registration),
            "event_url": absolute_url("events:detail", language=language, args=[event.slug]),
        }
        body = render_to_string(f"events/email/{kind}.txt", context)
        subject = _subject(kind, str(event.title))
        ics = registration_calendar(
            registration,
            join_url=join_url,
            manage_url=manage_url(registration),
            cancelled=kind in {"cancelled", "declined"},
        )
    return mail.compose(
        to=registration.email,
        subject=subject,
        body=body,
        language=language,
        kind=f"events.{kind}",
        related=registration,
        attachments=[mail.Attachment(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8")],
    )


def send_registration_mail(registration_id: int, kind: str, message: str = "") -> None:
    registration = Registration.objects.select_related("event", "event__organizer").get(pk=registration_id)
    if kind == REGISTERED:
        resolved = _REGISTERED_KINDS.get(registration.status)
        if resolved is None:
            return
        kind = resolved
    build_registration_mail(registration, kind, message=message).send()
