"""Writes of the events domain.

Registration, cancellation and every other change of places are race-free: each decides under the event's row
lock (`core.db.lock_row`), from the locked row's own counters, by the one place rule written down at
"registration" below. Mails leave on commit (`tasks.queue_registration_mail`).
"""

import secrets
import uuid
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investbridge.core import db, trilingual
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.core.tokens import tokens_match
from investbridge.core.uploads import PDF, PPTX, XLSX, validate_upload
from investbridge.directory import services as directory_services
from investbridge.events.emails import ALREADY_REGISTERED, REGISTERED
from investbridge.events.models import (
    ACTIVE_STATUSES,
    ApprovalMode,
    Event,
    EventStatus,
    Material,
    Registration,
    RegistrationStatus,
    Session,
    VideoProviderKind,
    VideoRoom,
)
from investbridge.events.tasks import queue_registration_mail

STAFF = (Role.OFFICER, Role.ADMIN)


#: Fields whose change must reach registrants' calendars (raises the event's SEQUENCE); the texts in every language.
_CALENDAR_FIELDS = ("starts_at", "ends_at", "status", *trilingual.translated_names(("venue", "title")))

#: Content fields stored per language (translation.py): services take only their per-language variants.
_EVENT_TEXT_FIELDS = ("title", "summary", "description", "host_city", "partner_city", "venue")


#: Messages the API layer shows, kept in this domain's catalog.
REGISTRATION_NOT_FOUND = gettext_lazy("No registration matches this link.")
COUNTRY_INVALID = gettext_lazy("Choose a country.")
REGISTRATION_ACCEPTED = gettext_lazy(
    "Thank you. We have sent an e-mail to the address you gave, with the personal link to the registration."
)


class RegistrationClosedError(ValidationError):
    """The event does not take registrations now (a draft, closed, archived, or outside its window)."""


# --- events ---------------------------------------------------------------------------------------------


def _check_zone(name: str, field_name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError({field_name: _("Unknown time zone.")}) from error


def _refuse_bare_texts(values: Mapping[str, Any], fields: Iterable[str]) -> None:
    """Assigning `title` would write the active interface language's column (django-modeltranslation)."""
    bare = sorted(set(values) & set(fields))
    if bare:
        raise ValueError(f"Give these texts per language (e.g. title_ru, title_zh_hans, title_en): {bare}")


def _apply(event: Event, values: Mapping[str, Any]) -> None:
    _refuse_bare_texts(values, _EVENT_TEXT_FIELDS)
    for name, value in values.items():
        setattr(event, name, value)
    _check_zone(event.host_time_zone, "host_time_zone")
    _check_zone(event.partner_time_zone, "partner_time_zone")
    for name in ("title", "host_city", "partner_city"):
        trilingual.require_one_language(event, name)
    event.full_clean(exclude=["organizer"])


@transaction.atomic
def event_create(*, user: Any, values: Mapping[str, Any], co_organizers: Iterable[Any] = ()) -> Event:
    """A new event (a draft unless `values` says otherwise)."""
    require_role(user, *STAFF)
    event = Event()
    _apply(event, values)
    event.save()
    event.co_organizers.set(list(co_organizers))
    VideoRoom.objects.create(event=event, provider=VideoProviderKind.NONE, room_name=_room_name(event))
    return event


@transaction.atomic
def event_update(
    *, user: Any, event: Event, values: Mapping[str, Any], co_organizers: Iterable[Any] | None = None
) -> Event:
    """Change an event; a change of time, place, title or status raises its SEQUENCE and tells registrants."""
    require_role(user, *STAFF)
    locked: Event = db.lock_row(Event.objects, pk=event.pk)
    before = {name: getattr(locked, name) for name in _CALENDAR_FIELDS}
    _apply(locked, values)
    changed = any(getattr(locked, name) != before[name] for name in _CALENDAR_FIELDS)
    if changed:
        locked.sequence += 1
    locked.version += 1
    locked.save()
    if co_organizers is not None:
        locked.co_organizers.set(list(co_organizers))
    _fill_free_places(locked)
    if before["starts_at"] != locked.starts_at or before["ends_at"] != locked.ends_at:
        for registration in Registration.objects.filter(event=locked, status__in=ACTIVE_STATUSES):
            queue_registration_mail(registration, "updated")
    return locked


def _unique_slug(base: str) -> str:
    slug = base[:100]
    number = 2
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base[:100]}-{number}"
        number += 1
    return slug


def _room_name(event: Event) -> str:
    return f"investbridge-{event.slug}-{uuid.uuid4().hex[:8]}"


@transaction.atomic
def event_duplicate(*, user: Any, event: Event) -> Event:
    """A draft copy of the event (texts, cities, agenda, organizers, video service) to adapt for a new date."""
    require_role(user, *STAFF)
    copy = Event.objects.get(pk=event.pk)
    co_organizers = list(event.co_organizers.all())
    sessions = list(Session.objects.filter(event=event).prefetch_related("speakers"))
    room = VideoRoom.objects.filter(event=event).first()
    copy.pk = None
    copy.id = None
    copy.uid = uuid.uuid4()
    copy.slug = _unique_slug(f"{event.slug}-copy")
    copy.status = EventStatus.DRAFT
    copy.sequence = 0
    copy.arrivals = 0
    copy.confirmed_count = 0
    copy.is_demo = False
    copy.save(force_insert=True)
    copy.co_organizers.set(co_organizers)
    for session in sessions:
        speakers = list(session.speakers.all())
        session.pk = None
        session.id = None
        session.event = copy
        session.save(force_insert=True)
        session.speakers.set(speakers)
    VideoRoom.objects.create(
        event=copy,
        provider=room.provider if room else VideoProviderKind.NONE,
        external_url=room.external_url if room else "",
        room_name=_room_name(copy),
        attendee_secret=secrets.token_urlsafe(12),
        moderator_secret=secrets.token_urlsafe(12),
    )
    return copy


# --- agenda and materials ---------------------------------------------------------------------------------


def _touch(event_id: int) -> None:
    """Mark the event changed, so its cached public page is rendered again."""
    Event.objects.filter(pk=event_id).update(updated_at=timezone.now(), version=F("version") + 1)


@transaction.atomic
def session_save(
    *,
    user: Any,
    event: Event,
    values: Mapping[str, Any],
    speakers: Iterable[Any] = (),
    session: Session | None = None,
) -> Session:
    """Create (or, given `session`, change) an agenda item."""
    require_role(user, *STAFF)
    _refuse_bare_texts(values, ("title",))
    if session is None:
        session = Session(event=event)
    for name, value in values.items():
        setattr(session, name, value)
    trilingual.require_one_language(session, "title")
    session.full_clean()
    session.save()
    session.speakers.set(list(speakers))
    _touch(event.pk)
    return session


@transaction.atomic
def session_delete(*, user: Any, session: Session) -> None:
    require_role(user, *STAFF)
    session.delete()
    _touch(session.event_id)


#: What presentation materials may be.
MATERIAL_KINDS = (PDF, PPTX, XLSX)


@transaction.atomic
def material_add(
    *,
    user: Any,
    event: Event,
    title: str,
    file: UploadedFile,
    visibility: str,
    session: Session | None = None,
) -> Material:
    """Attach a PDF, PPTX or XLSX (type read from the content, size limited) to the event."""
    require_role(user, *STAFF)
    kind = validate_upload(file, MATERIAL_KINDS)
    material = Material(
        event=event,
        session=session,
        title=title,
        kind=kind.name,
        extension=kind.extension,
        visibility=visibility,
    )
    material.file.save(f"material{kind.extension}", file, save=False)
    material.full_clean()
    material.save()
    _touch(event.pk)
    return material


@transaction.atomic
def material_delete(*, user: Any, material: Material) -> None:
    require_role(user, *STAFF)
    material.file.delete(save=False)
    material.delete()
    _touch(material.event_id)


@transaction.atomic
def video_room_configure(*, user: Any, event: Event, provider: str, external_url: str = "") -> VideoRoom:
    require_role(user, *STAFF)
    if provider not in VideoProviderKind.values:
        raise ValidationError({"provider": _("Unknown video service.")})
    if provider == VideoProviderKind.EXTERNAL and not external_url:
        raise ValidationError({"external_url": _("Give the meeting link of the external service.")})
    room, _created = VideoRoom.objects.get_or_create(event=event, defaults={"room_name": _room_name(event)})
    room.provider = provider
    room.external_url = external_url
    if not room.room_name:
        room.room_name = _room_name(event)
    if not room.attendee_secret:
        room.attendee_secret = secrets.token_urlsafe(12)
        room.moderator_secret = secrets.token_urlsafe(12)
    room.full_clean()
    room.save()
    return room


# --- registration -----------------------------------------------------------------------------------------
#
# The place rule, stated once: a new registration is confirmed while places remain, otherwise it waits in
# arrival order (`_status_for_new`; pending instead where an officer approves each one), and a freed place goes to
# the first in line (`_fill_free_places`). Places are given and freed only under the event's row lock
# (`_lock_event`, held until the commit), from the locked row's own counters: `Event.arrivals` numbers the
# arrivals and `Event.confirmed_count` counts the confirmed registrations, and every service below keeps both.


def registration_is_open(event: Event) -> bool:
    now = timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.ends_at > now
        and (event.registration_opens_at is None or event.registration_opens_at <= now)
        and (event.registration_closes_at is None or now <= event.registration_closes_at)
    )


def _closed_error(event: Event) -> RegistrationClosedError:
    now = timezone.now()
    if (
        event.status == EventStatus.PUBLISHED
        and event.registration_opens_at
        and event.registration_opens_at > now
    ):
        return RegistrationClosedError(_("Registration for this event has not opened yet."), code="not_open")
    return RegistrationClosedError(_("Registration for this event is closed."), code="closed")


@dataclass
class RegistrationInput:
    full_name: str
    email: str
    organization_name: str = ""
    country: str = ""
    language: str = settings.LANGUAGE_CODE
    position: str = ""
    name_latin: str = ""
    sectors: list[str] = field(default_factory=list)
    consent: bool = False
    time_zone: str = ""


def _validate_input(data: RegistrationInput) -> None:
    errors: dict[str, str] = {}
    if not data.full_name.strip():
        errors["full_name"] = _("Give your name.")
    try:
        validate_email(data.email.strip())
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if data.language not in settings.LANGUAGE_CODES:
        errors["language"] = _("Choose one of the offered languages.")
    if data.country and (len(data.country) != 2 or not data.country.isalpha()):
        errors["country"] = _("Choose a country.")
    if data.time_zone:
        try:
            zoneinfo.ZoneInfo(data.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["time_zone"] = _("Unknown time zone.")
    if errors:
        raise ValidationError(errors)


#: The event's fields a place is decided from.
_PLACE_FIELDS = (
    "slug",
    "status",
    "capacity",
    "confirmed_count",
    "arrivals",
    "version",
    "approval_mode",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
)


def _lock_event(event_id: int) -> Event:
    """The event's place fields, read under its row lock, which is held until the transaction ends."""
    return db.lock_row(Event.objects.only(*_PLACE_FIELDS), pk=event_id)


def _confirmed_or_waitlisted(event: Event) -> str:
    """The place rule, from `event` as read under its lock: confirmed while places remain, else waitlisted."""
    if event.confirmed_count < event.capacity:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def _status_for_new(event: Event) -> str:
    """The status of a new registration: pending where an officer approves, else the place rule."""
    if event.approval_mode == ApprovalMode.OFFICER:
        return RegistrationStatus.PENDING
    return _confirmed_or_waitlisted(event)


def _next_arrival(event: Event, *, confirmed: bool) -> int:
    """Under the event's lock (`event` read under it): the next arrival number, and one more confirmed place if
    `confirmed`, in one UPDATE of the locked row; the page's places change."""
    event.arrivals += 1
    event.version += 1
    values = {"arrivals": event.arrivals, "version": event.version}
    if confirmed:
        event.confirmed_count += 1
        values["confirmed_count"] = event.confirmed_count
    Event.objects.filter(pk=event.pk).update(**values)
    return event.arrivals


def _bump(event: Event) -> None:
    """Under the event's lock: the places shown on its page changed."""
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)


def _confirmed_changed(event: Event, delta: int) -> None:
    """Under the event's lock (`event` read under it): `delta` more (or, negative, fewer) confirmed registrations;
    the page's places change."""
    event.confirmed_count += delta
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=F("confirmed_count") + delta, version=F("version") + 1
    )


def registration_create(*, event: Event, data: RegistrationInput) -> tuple[Registration, bool]:
    """Register someone for the event: (registration, created).

    A new e-mail gets a place by the place rule. An e-mail with an active registration for the event gets that
    one back (created=False), and its holder their own link by mail; a cancelled or declined one is registered
    again, at the end of the line. The caller answers all of these alike: the link travels only by mail. When
    the event takes no registrations: RegistrationClosedError, the same for every e-mail (a registered one is
    mailed its link).

    Most e-mails are new, so the e-mail's registration is not looked up first: the first transaction writes a
    new one (`_register`), and a known e-mail makes its insert fail on the unique e-mail per event, which rolls
    all of it back; the second transaction then takes the known registration. The place is decided last, under
    the event's row lock, so concurrent registrations of one event queue only for their place.
    """
    _validate_input(data)
    email = directory_services.normalize_email(data.email)
    try:
        if not registration_is_open(event):  # the caller's copy; decided again under the lock
            raise _closed_error(event)
        # Read before the transaction: an organization in the directory stays there (a merge keeps the record).
        organization = (
            directory_services.organization_link_by_name(name=data.organization_name)
            if data.organization_name.strip()
            else None
        )
        try:
            with transaction.atomic():
                registration = Registration(event=event, manage_token=secrets.token_urlsafe(32))
                return _register(registration, data=data, email=email, organization=organization), True
        except IntegrityError:
            # The e-mail has a registration for this event (from before, or a concurrent request's just now).
            with transaction.atomic():
                registration = db.lock_row(Registration.objects, event=event, email_normalized=email)
                registration.event = event
                if registration.status in ACTIVE_STATUSES:
                    return _remind(registration), False
                registration.sequence += 1
                return _register(registration, data=data, email=email, organization=organization), True
    except RegistrationClosedError:
        _remind_if_registered(event=event, email=email)
        raise


def _register(
    registration: Registration, *, data: RegistrationInput, email: str, organization: Any
) -> Registration:
    """Inside the caller's transaction: write `registration` (new, or the e-mail's cancelled one) from `data`,
    then give it its place under the event's row lock; a closed event raises, which rolls all of it back.

    First what does not depend on the place: the directory entries, the registration (no place yet), its
    sectors and its mail (kind `registered`: sent as the mail of the status it has when it leaves, see
    `emails.REGISTERED`). Then, last, the lock.
    """
    new = registration.pk is None
    organization, person = _directory_entries(
        slug=registration.event.slug, data=data, organization=organization
    )
    registration.person = person
    registration.organization = organization
    registration.full_name = data.full_name.strip()
    registration.name_latin = data.name_latin.strip()
    registration.email = data.email.strip()
    registration.email_normalized = email
    registration.organization_name = data.organization_name.strip()
    registration.position = data.position.strip()
    registration.country = data.country.upper()
    registration.language = data.language
    registration.time_zone = data.time_zone
    registration.consent_to_contact = data.consent
    registration.status = RegistrationStatus.PENDING  # decided below; never committed without its place
    registration.arrival = None
    registration.cancelled_at = None
    registration.save()
    if data.sectors or not new:
        registration.sectors.set(data.sectors)  # type: ignore[arg-type]
    queue_registration_mail(registration, REGISTERED)

    event = _lock_event(registration.event_id)
    if not registration_is_open(event):
        raise _closed_error(event)
    registration.status = _status_for_new(event)
    registration.arrival = _next_arrival(event, confirmed=registration.status == RegistrationStatus.CONFIRMED)
    registration.save(update_fields=["status", "arrival"])
    return registration


@transaction.atomic
def registration_record(*, user: Any, event: Event, data: RegistrationInput) -> Registration:
    """Staff record a registration taken outside the platform (an earlier event's list of registrants): the event
    may be closed or past and nobody is mailed; the place follows the one place rule, under the event's row lock
    like any registration. An e-mail already registered for the event is refused."""
    require_role(user, *STAFF)
    _validate_input(data)
    email = directory_services.normalize_email(data.email)
    if Registration.objects.filter(event_id=event.pk, email_normalized=email).exists():
        raise ValidationError({"email": _("This person is already registered for that event.")})
    organization = (
        directory_services.organization_link_by_name(name=data.organization_name)
        if data.organization_name.strip()
        else None
    )
    organization, person = _directory_entries(slug=event.slug, data=data, organization=organization)
    registration = Registration.objects.create(
        event_id=event.pk,
        manage_token=secrets.token_urlsafe(32),
        person=person,
        organization=organization,
        full_name=data.full_name.strip(),
        name_latin=data.name_latin.strip(),
        email=data.email.strip(),
        email_normalized=email,
        organization_name=data.organization_name.strip(),
        position=data.position.strip(),
        country=data.country.upper(),
        language=data.language,
        time_zone=data.time_zone,
        consent_to_contact=data.consent,
        status=RegistrationStatus.PENDING,
    )
    registration.sectors.set(data.sectors)  # type: ignore[arg-type]
    locked = _lock_event(event.pk)
    registration.status = _status_for_new(locked)
    registration.arrival = _next_arrival(
        locked, confirmed=registration.status == RegistrationStatus.CONFIRMED
    )
    registration.save(update_fields=["status", "arrival"])
    return registration


def _directory_entries(*, slug: str, data: RegistrationInput, organization: Any) -> tuple[Any, Any]:
    """The registrant's organization and person in the directory (matched or created), in the caller's
    transaction. `organization` is the one found before the transaction, if any. Most registrants are new to the
    directory, so the person is inserted without a look-up first (in a savepoint: a known e-mail rolls the insert
    back and links the existing person, whose changes are then proposed to them by mail)."""
    if organization is None and data.organization_name.strip():
        organization = directory_services.organization_match_or_create(
            name=data.organization_name, country=data.country or "", language=data.language
        )
    person = directory_services.person_match_or_create(
        full_name=data.full_name,
        email=data.email,
        organization=organization,
        position=data.position,
        country=data.country,
        preferred_language=data.language,
        name_latin=data.name_latin,
        consent=data.consent,
        consent_source=f"event registration: {slug}",
        insert_first=True,
        confirm_by_mail=True,
    )
    return organization, person


def _remind(registration: Registration) -> Registration:
    """The registration's e-mail was registered again: if the event still takes registrations (else the same
    refusal as for a new e-mail), mail the holder their own link; the request is answered as for a new one."""
    event = Event.objects.only(*_PLACE_FIELDS).get(pk=registration.event_id)
    if not registration_is_open(event):
        raise _closed_error(event)
    queue_registration_mail(registration, ALREADY_REGISTERED)
    return registration


def _remind_if_registered(*, event: Event, email: str) -> None:
    """For a closed event: an active registration of the e-mail gets its own link by mail, in a transaction of
    its own (the registration's was rolled back)."""
    registration = Registration.objects.filter(
        event=event, email_normalized=email, status__in=ACTIVE_STATUSES
    ).first()
    if registration is not None:
        with transaction.atomic():
            queue_registration_mail(registration, ALREADY_REGISTERED)


def _promote(registration: Registration) -> None:
    """Confirm the registration (the caller counts the place on its event)."""
    registration.status = RegistrationStatus.CONFIRMED
    registration.sequence += 1
    registration.save(update_fields=["status", "sequence", "updated_at"])
    queue_registration_mail(registration, "promoted")


def _fill_free_places(event: Event) -> list[Registration]:
    """Under the event's lock (`event` read under it): confirm waitlisted registrants in arrival order while
    places are free."""
    free = event.capacity - event.confirmed_count
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by("arrival")[
            :free
        ]
    )
    for registration in promoted:
        _promote(registration)
    if promoted:
        _confirmed_changed(event, len(promoted))
    return promoted


def _cancel(registration_id: int) -> tuple[Registration, list[Registration]]:
    """Cancel the registration under its event's lock; a place it held goes to the first in line."""
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = _lock_event(event_id)
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.status in {RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED}:
        return registration, []
    held_a_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.sequence += 1
    registration.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    queue_registration_mail(registration, "cancelled")
    if held_a_place:
        _confirmed_changed(event, -1)
    else:
        _bump(event)
    return registration, _fill_free_places(event)


@transaction.atomic
def registration_cancel_by_token(
    *, registration_id: int, token: str
) -> tuple[Registration, list[Registration]]:
    """The registrant cancels through their signed link: (registration, promoted registrants)."""
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None or not tokens_match(registration.manage_token, token):
        raise Registration.DoesNotExist
    return _cancel(registration_id)


@transaction.atomic
def registration_cancel(*, user: Any, registration: Registration) -> tuple[Registration, list[Registration]]:
    """An officer cancels a registration; the first waitlisted registrant takes the place."""
    require_role(user, *STAFF)
    return _cancel(registration.pk)


@transaction.atomic
def registration_update_by_token(
    *,
    registration: Registration,
    token: str,
    full_name: str,
    name_latin: str,
    position: str,
    language: str,
    time_zone: str,
    sectors: list[str],
    consent: bool,
) -> Registration:
    """The registrant changes their own details through the signed link (e-mail and event stay)."""
    if not tokens_match(registration.manage_token, token):
        raise Registration.DoesNotExist
    _validate_input(
        RegistrationInput(
            full_name=full_name, email=registration.email, language=language, time_zone=time_zone
        )
    )
    locked = db.lock_row(Registration.objects, pk=registration.pk)
    locked.full_name = full_name.strip()
    locked.name_latin = name_latin.strip()
    locked.position = position.strip()
    locked.language = language
    locked.time_zone = time_zone
    locked.consent_to_contact = consent
    locked.sequence += 1
    locked.save()
    locked.sectors.set(sectors)  # type: ignore[arg-type]
    if consent:
        directory_services.person_match_or_create(
            full_name=locked.full_name,
            email=locked.email,
            consent=True,
            consent_source=f"event registration: {locked.event.slug}",
        )
    return locked


@transaction.atomic
def registration_approve(*, user: Any, registration: Registration) -> Registration:
    """Accept a pending registration: confirmed while places remain, otherwise first on the waiting list."""
    require_role(user, *STAFF)
    event = _lock_event(registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a registration awaiting approval can be approved."), code="not_pending")
    locked.status = _confirmed_or_waitlisted(event)
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    if locked.status == RegistrationStatus.CONFIRMED:
        _confirmed_changed(event, 1)
    else:
        _bump(event)
    queue_registration_mail(
        locked, "approved" if locked.status == RegistrationStatus.CONFIRMED else "waitlisted"
    )
    return locked


@transaction.atomic
def registration_decline(*, user: Any, registration: Registration) -> Registration:
    require_role(user, *STAFF)
    event = _lock_event(registration.event_id)
    _bump(event)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status not in {RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED}:
        raise ValidationError(
            _("Only a registration awaiting approval or waiting for a place can be declined."),
            code="not_pending",
        )
    locked.status = RegistrationStatus.DECLINED
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    queue_registration_mail(locked, "declined")
    return locked


@transaction.atomic
def registration_promote(*, user: Any, registration: Registration) -> Registration:
    """Give a waitlisted (or pending) registrant a free place ahead of the line."""
    require_role(user, *STAFF)
    event = _lock_event(registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status not in {RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING}:
        raise ValidationError(
            _("Only a waiting or pending registration can be promoted."), code="not_waiting"
        )
    if event.confirmed_count >= event.capacity:
        raise ValidationError(
            _("The event is full: raise its capacity or cancel a confirmed registration first."), code="full"
        )
    _promote(locked)
    _confirmed_changed(event, 1)
    return locked


@transaction.atomic
def registration_move(*, user: Any, registration: Registration, to_event: Event) -> Registration:
    """Move a registration to another event: the old place goes to the next in line, the new one is queued."""
    require_role(user, *STAFF)
    if to_event.pk == registration.event_id:
        raise ValidationError(_("Choose a different event."), code="same_event")
    # Lock both events in a fixed order, so two moves in opposite directions cannot deadlock.
    locked = {pk: _lock_event(pk) for pk in sorted([registration.event_id, to_event.pk])}
    source, target = locked[registration.event_id], locked[to_event.pk]
    moving = Registration.objects.get(pk=registration.pk)
    if moving.status not in ACTIVE_STATUSES:
        raise ValidationError(_("A cancelled registration cannot be moved."), code="inactive")
    if Registration.objects.filter(event=target, email_normalized=moving.email_normalized).exists():
        raise ValidationError(_("This person is already registered for that event."), code="duplicate")
    sectors = list(moving.sectors.values_list("pk", flat=True))
    held_a_place = moving.status == RegistrationStatus.CONFIRMED
    old_token_holder = moving
    old_token_holder.status = RegistrationStatus.CANCELLED
    old_token_holder.cancelled_at = timezone.now()
    old_token_holder.sequence += 1
    old_token_holder.manage_token = secrets.token_urlsafe(32)
    old_token_holder.save()
    queue_registration_mail(old_token_holder, "cancelled")
    if held_a_place:
        _confirmed_changed(source, -1)
    else:
        _bump(source)
    _fill_free_places(source)
    new = Registration.objects.get(pk=registration.pk)
    new.pk = None
    new.id = None
    new.event = target
    new.status = _status_for_new(target)
    new.cancelled_at = None
    new.attended = False
    new.attended_at = None
    new.attended_minutes = None
    new.sequence = 0
    new.arrival = _next_arrival(target, confirmed=new.status == RegistrationStatus.CONFIRMED)
    new.manage_token = secrets.token_urlsafe(32)
    new.save(force_insert=True)
    new.sectors.set(sectors)  # type: ignore[arg-type]
    queue_registration_mail(new, "moved")
    return new


@transaction.atomic
def announcement_send(*, user: Any, event: Event, messages: Mapping[str, str]) -> int:
    """Send an announcement to every active registrant, each in their language: {"ru": ..., "zh-hans": ...}.

    A registrant whose language has no text gets the office's language, then any text given.
    """
    require_role(user, *STAFF)
    texts = {code: text.strip() for code, text in messages.items() if text and text.strip()}
    if not texts:
        raise ValidationError(_("Write the announcement in at least one language."), code="empty")
    fallback = texts.get(settings.OFFICE_LANGUAGE) or next(iter(texts.values()))
    count = 0
    for registration in Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES).select_related(
        "event"
    ):
        queue_registration_mail(
            registration, "announcement", message=texts.get(registration.language, fallback)
        )
        count += 1
    return count


# --- attendance -------------------------------------------------------------------------------------------


@transaction.atomic
def attendance_check_in(*, user: Any, registration: Registration, attended: bool = True) -> Registration:
    require_role(user, *STAFF)
    locked = db.lock_row(Registration.objects, pk=registration.pk)
    locked.attended = attended
    locked.attended_at = timezone.now() if attended else None
    if not attended:
        locked.attended_minutes = None
    locked.save(update_fields=["attended", "attended_at", "attended_minutes", "updated_at"])
    return locked


@transaction.atomic
def attendance_import(*, user: Any, event: Event, file: UploadedFile, time_zone: str | None = None) -> Any:
    """Mark attendance from the video service's participant list; see `attendance.import_participants`."""
    require_role(user, *STAFF)
    from investbridge.events.attendance import import_participants  # local: keeps the module graph flat

    return import_participants(event=event, file=file, time_zone=time_zone)
