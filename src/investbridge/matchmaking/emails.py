"""E-mails to participants, each in the participant's own language (its registration's), sent on commit."""

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from investbridge.core import mail
from investbridge.core.urls import absolute_url
from investbridge.matchmaking.models import MeetingRequest, Profile

#: Kinds of request mail: who gets it and its template matchmaking/email/request_<kind>.txt.
REQUEST_KINDS = {
    "received": "recipient",
    "accepted": "requester",
    "declined": "requester",
    "expired": "requester",
    "withdrawn": "recipient",
}


def _participant_url(registration: Any) -> str:
    return absolute_url(
        "matchmaking:p_home", language=registration.language, args=[registration.manage_token]
    )


def _subject(kind: str, event_title: str) -> str:
    subjects = {
        "received": _("New meeting request: %(title)s"),
        "accepted": _("Your meeting request was accepted: %(title)s"),
        "declined": _("Your meeting request was declined: %(title)s"),
        "expired": _("Your meeting request expired without an answer: %(title)s"),
        "withdrawn": _("A meeting request was withdrawn: %(title)s"),
        "agenda": _("Your meeting agenda has changed: %(title)s"),
    }
    return subjects[kind] % {"title": event_title}


def _send(
    registration: Any, kind: str, template: str, context: dict[str, Any], attachment: bytes | None
) -> None:
    language = registration.language
    with override(language):
        body = render_to_string(template, {**context, "url": _participant_url(registration)})
        subject = _subject(kind, str(registration.event.title))
    mail.send_mail(
        to=registration.email,
        subject=subject,
        body=body,
        language=language,
        kind=f"matchmaking.{kind}",
        related=registration,
        attachments=[]
        if attachment is None
        else [mail.Attachment("meetings.ics", attachment, "text/calendar; charset=utf-8; method=PUBLISH")],
    )


def queue_request_mail(request: MeetingRequest, kind: str) -> None:
    """Tell the side concerned about a request (received, accepted, declined, expired, withdrawn) once the change commits."""
    side = REQUEST_KINDS[kind]
    request_id = request.pk

    def send() -> None:
        fresh = MeetingRequest.objects.select_related(
            "requester__registration__event", "recipient__registration__event"
        ).get(pk=request_id)
        reader = fresh.recipient if side == "recipient" else fresh.requester
        other = fresh.requester if side == "recipient" else fresh.recipient
        _send(
            reader.registration,
            kind,
            f"matchmaking/email/request_{kind}.txt",
            {"request": fresh, "reader": reader, "other": other},
            None,
        )

    transaction.on_commit(send)


def queue_agenda_mail(profile: Profile) -> None:
    """Send the participant its changed agenda with the calendar file, once the publication commits."""
    profile_id = profile.pk

    def send() -> None:
        from investbridge.matchmaking.agenda import agenda_for, calendar_for

        fresh = Profile.objects.select_related("registration__event", "event").get(pk=profile_id)
        language = fresh.registration.language
        with override(language):
            items = agenda_for(fresh, language=language)
            attachment = calendar_for(fresh, language=language)
        _send(fresh.registration, "agenda", "matchmaking/email/agenda.txt", {"items": items}, attachment)

    transaction.on_commit(send)
