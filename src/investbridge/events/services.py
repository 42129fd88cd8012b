"""Writes of the events domain.

Registration and cancellation are race-free: each takes the event's row lock (`select_for_update`; on SQLite the
transaction's BEGIN IMMEDIATE serializes writers), reads the confirmed places from the locked row itself
(`Event.confirmed_count`, which every service that confirms or frees a place keeps under the same lock) and
gives each registration the next arrival number, so with capacity C exactly C are confirmed and the rest wait
in arrival order, and a cancellation promotes the first in line. Mails leave on commit
(`emails.queue_registration_mail`).
"""

import contextlib
import fcntl
import os
import secrets
import struct
import threading
import time
import uuid
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investbridge.core import trilingual
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.core.tokens import tokens_match
from investbridge.core.uploads import PDF, PPTX, XLSX, validate_upload
from investbridge.directory import services as directory_services
from investbridge.events.emails import ALREADY_REGISTERED, REGISTERED, queue_registration_mail
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
from investbridge.events.selectors import PUBLIC_STATUSES

STAFF = (Role.OFFICER, Role.ADMIN)
#: How many times a registration is retried when a concurrent insert of the same person collides.
_RETRIES = 5

#: SQLite lets one writer in at a time and makes the others poll, sleeping up to 100 ms between tries (so a
#: waiting writer often sleeps while the database is free). Registrations queue instead: the threads of one
#: process on this lock, the processes (gunicorn workers) on an exclusive `flock` of a file next to the database
#: file, which wakes the next waiter as soon as the holder lets go.
_SQLITE_REGISTRATIONS = threading.Lock()
_SQLITE_LOCK_FILES: dict[tuple[int, str], int] = {}
#: When (time.monotonic()) a registration of this process last found the database locked for the whole busy
#: timeout. The registrations that were already queued behind it fail at once instead of waiting the same timeout
#: one after another (a locked database answers every queued request with a quick 503, docs/architecture.md).
_SQLITE_LOCKED_AT = [0.0]


def _sqlite_lock_file(database: str) -> int | None:
    """This process's descriptor of the database's registration lock file (None for an in-memory database)."""
    if not database or database == ":memory:" or database.startswith("file:") or "mode=memory" in database:
        return None
    key = (os.getpid(), database)  # a forked worker opens its own (flock locks belong to the open file)
    descriptor = _SQLITE_LOCK_FILES.get(key)
    if descriptor is None:
        descriptor = os.open(f"{database}.registrations.lock", os.O_RDWR | os.O_CREAT, 0o600)
        _SQLITE_LOCK_FILES[key] = descriptor
    return descriptor


@contextlib.contextmanager
def _sqlite_file_turn(descriptor: int, *, queued_at: float) -> Iterator[None]:
    """The exclusive turn on the registration lock file, shared by every process.

    A turn whose holder found the database locked writes the time (wall clock) into the file; a writer that had
    queued before that time fails at once instead of waiting the busy timeout again, so with several gunicorn
    workers a locked database still answers every queued registration within one timeout."""
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        mark = os.pread(descriptor, _LOCKED_MARK.size, 0)
        if len(mark) == _LOCKED_MARK.size and _LOCKED_MARK.unpack(mark)[0] > queued_at:
            raise OperationalError("database is locked")
        try:
            yield
        except OperationalError:
            os.pwrite(descriptor, _LOCKED_MARK.pack(time.time()), 0)
            raise
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


#: The lock file holds the wall-clock time at which a registration last found the database locked.
_LOCKED_MARK = struct.Struct("<d")


@contextlib.contextmanager
def _sqlite_writer_queue(database: str) -> Iterator[None]:
    """This thread's turn among the registration writers of all processes using the SQLite file `database`."""
    queued_at = time.monotonic()
    queued_at_wall = time.time()
    with _SQLITE_REGISTRATIONS:
        if _SQLITE_LOCKED_AT[0] > queued_at:
            raise OperationalError("database is locked")
        descriptor = _sqlite_lock_file(database)
        try:
            if descriptor is None:
                yield
                return
            with _sqlite_file_turn(descriptor, queued_at=queued_at_wall):
                yield
        except OperationalError:
            _SQLITE_LOCKED_AT[0] = time.monotonic()
            raise


def _sqlite_writer_slot() -> contextlib.AbstractContextManager[Any]:
    """Under SQLite, outside any caller's transaction: this process's and thread's turn to write a registration."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        return _sqlite_writer_queue(str(connection.settings_dict["NAME"]))
    return contextlib.nullcontext()


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
    locked = Event.objects.select_for_update().get(pk=event.pk)
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


@transaction.atomic
def event_set_status(*, user: Any, event: Event, status: str) -> Event:
    require_role(user, *STAFF)
    if status not in EventStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status != status:
        locked.status = status
        locked.sequence += 1
        locked.version += 1
        locked.save(update_fields=["status", "sequence", "version", "updated_at"])
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


def _status_for_new(event: Event) -> str:
    """The status a new (or approved) registration gets, from `event` as read under its lock."""
    if event.confirmed_count < event.capacity:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


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


def _directory_entries(*, slug: str, data: RegistrationInput, organization: Any) -> tuple[Any, Any]:
    """The registrant's organization and person in the directory (matched or created), in the caller's
    transaction, before it takes the event's lock: on PostgreSQL concurrent registrations hold that lock only for
    the few rows of the place itself. `organization` is the one found before the transaction, if any. Most
    registrants are new to the directory, so the person is inserted without a look-up first (in a savepoint: a
    known e-mail rolls the insert back and links the existing person)."""
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


#: The event's fields a place is decided from, read again under its lock.
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


def _lock_event(*, event_id: int) -> Event:
    """The event's place fields, read under its row lock."""
    return Event.objects.select_for_update().only(*_PLACE_FIELDS).get(pk=event_id)


#: The place fields `_take_place` reads under the event's lock on PostgreSQL, in `_PLACE_SQL`'s order.
_PLACE_COLUMNS = ("id", *_PLACE_FIELDS)

#: `_take_place` on PostgreSQL: in one statement, the event's row lock, the place decided from the locked row (the
#: SQL twin of `_place_for`), the event's counters and the registration's status and arrival number; it gives back
#: the locked row's place fields (`_PLACE_COLUMNS`, before the counters moved) and the place.
_PLACE_SQL = """
WITH locked AS (
    SELECT id, slug, status, capacity, confirmed_count, arrivals, version, approval_mode, ends_at,
        registration_opens_at, registration_closes_at,
        CASE WHEN approval_mode = %(officer)s THEN %(pending)s
            WHEN confirmed_count < capacity THEN %(confirmed)s
            ELSE %(waitlisted)s END AS place
    FROM "events_event" WHERE id = %(event)s FOR UPDATE
), counted AS (
    UPDATE "events_event" AS event
    SET arrivals = locked.arrivals + 1, version = locked.version + 1,
        confirmed_count = locked.confirmed_count + CASE WHEN locked.place = %(confirmed)s THEN 1 ELSE 0 END
    FROM locked WHERE event.id = locked.id
    RETURNING locked.*
)
UPDATE "events_registration" AS registration SET status = counted.place, arrival = counted.arrivals + 1
FROM counted WHERE registration.id = %(registration)s
RETURNING counted.*
"""


def _place_for(event: Event) -> str:
    """The status a new registration gets, from `event` as read under its lock."""
    if event.approval_mode == ApprovalMode.OFFICER:
        return RegistrationStatus.PENDING
    return _status_for_new(event)


def _take_place(*, event_id: int, registration: Registration) -> Event:
    """The last writes of a registration, under the event's row lock (taken here, held to the commit): the place
    decided from the locked row (`_place_for`), the next arrival number, one more confirmed place if it is one, and
    the registration's status and arrival number. Gives back the event's place fields as read under the lock, for
    the caller's checks (an event that takes no registrations rolls all of it back); Event.DoesNotExist if there
    is no event with this key.

    On PostgreSQL, where concurrent registrations of the event queue on its row lock until each one's COMMIT, it is
    one statement (`_PLACE_SQL`): the lock is held for that round trip and the commit's. SQLite lets one writer in
    at a time anyway; there it is the ORM's locking read (a plain read there) and two updates.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _PLACE_SQL,
                {
                    "event": event_id,
                    "registration": registration.pk,
                    "officer": ApprovalMode.OFFICER.value,
                    "pending": RegistrationStatus.PENDING.value,
                    "confirmed": RegistrationStatus.CONFIRMED.value,
                    "waitlisted": RegistrationStatus.WAITLISTED.value,
                },
            )
            row = cursor.fetchone()
        if row is None:
            raise Event.DoesNotExist
        values = dict(zip(_PLACE_COLUMNS, row[:-1], strict=True))
        status = row[-1]
        loaded = [field.attname for field in Event._meta.concrete_fields if field.attname in values]
        locked = Event.from_db(connection.alias, loaded, [values[name] for name in loaded])
    else:
        locked = _lock_event(event_id=event_id)
        status = _place_for(locked)
        confirmed = 1 if status == RegistrationStatus.CONFIRMED else 0
        Event.objects.filter(pk=event_id).update(
            arrivals=locked.arrivals + 1,
            version=locked.version + 1,
            confirmed_count=locked.confirmed_count + confirmed,
        )
        Registration.objects.filter(pk=registration.pk).update(status=status, arrival=locked.arrivals + 1)
    registration.status = status
    registration.arrival = locked.arrivals + 1
    return locked


@transaction.atomic
def _registration_write(
    *,
    event: Event | None,
    event_id: int,
    data: RegistrationInput,
    normalized: str,
    previous_id: int | None,
    organization: Any,
    slug: str,
) -> tuple[Registration, bool]:
    """One write transaction that takes the event's lock only at its end.

    First everything that does not depend on the place: the directory entries, the registration itself (without
    an arrival number yet, inserted or, for this e-mail's cancelled or declined registration `previous_id`, written
    over), its sectors and its confirmation mail (a task whose kind follows the status it is given, see
    `emails.REGISTERED`). Then, under the event's row lock, whether the event takes registrations, the place
    (confirmed, waitlisted or pending, from the locked row) and the arrival number (`_take_place`); a closed event
    rolls all of it back. Concurrent registrations of one event thus queue only for the place.

    Without `previous_id`, a registration of the same e-mail committed meanwhile makes the insert fail on the
    unique constraint (IntegrityError: the caller looks again and returns that one). `organization` is the
    directory's organization of that name found before the transaction (None: matched or created inside it).
    `event` is the event as the caller loaded it, if it did.
    """
    organization, person = _directory_entries(slug=slug, data=data, organization=organization)
    registration: Registration
    if previous_id is not None:
        registration = Registration.objects.select_for_update().get(pk=previous_id)
        if registration.status in ACTIVE_STATUSES:
            # Registered again by a concurrent request since the first look: that registration's own link, by mail.
            if event is not None:
                registration.event = event
            locked_event = _lock_event(event_id=event_id)
            if not registration_is_open(locked_event):
                raise _closed_error(locked_event)  # all rolled back; the caller mails the reminder
            queue_registration_mail(registration, ALREADY_REGISTERED)
            return registration, False
        registration.sequence += 1
    else:
        registration = Registration(event_id=event_id, manage_token=secrets.token_urlsafe(32))
    registration.person = person
    registration.organization = organization
    registration.full_name = data.full_name.strip()
    registration.name_latin = data.name_latin.strip()
    registration.email = data.email.strip()
    registration.email_normalized = normalized
    registration.organization_name = data.organization_name.strip()
    registration.position = data.position.strip()
    registration.country = data.country.upper()
    registration.language = data.language
    registration.time_zone = data.time_zone
    registration.consent_to_contact = data.consent
    # Decided under the lock below; until then (never committed) no place and no arrival number.
    registration.status = RegistrationStatus.PENDING
    registration.arrival = None
    registration.cancelled_at = None
    registration.save()
    if data.sectors or previous_id is not None:
        registration.sectors.set(data.sectors)  # type: ignore[arg-type]
    queue_registration_mail(registration, REGISTERED)
    locked = _take_place(event_id=event_id, registration=registration)
    # Checked on the row as read under the lock; raising rolls the whole transaction back, place included.
    if event is None and (locked.slug != slug or locked.status not in PUBLIC_STATUSES):
        # The key came from `_public_event_id`'s cache: the event has since changed its slug or left the public.
        raise Event.DoesNotExist
    if not registration_is_open(locked):
        raise _closed_error(locked)
    registration.event = event if event is not None else locked
    return registration, True


def _registration_of(*, event: Event | None, slug: str, normalized: str) -> Registration | None:
    """The e-mail's registration for the event (`event`, or the one with this slug), if any."""
    if event is None:
        return (
            Registration.objects.filter(event__slug=slug, email_normalized=normalized)
            .select_related("event")
            .first()
        )
    registration = Registration.objects.filter(event_id=event.pk, email_normalized=normalized).first()
    if registration is not None:
        registration.event = event
    return registration


def registration_create(*, event: Event, data: RegistrationInput) -> tuple[Registration, bool]:
    """Register someone for the event: (registration, created).

    The same e-mail for the same event gives back the existing active registration (created=False); a cancelled
    one is registered again at the end of the line. Raises RegistrationClosedError when the event takes none.
    Everything that decides the place (open or not, confirmed or waitlisted, arrival number) is decided again
    under the event's row lock, taken at the end of the one write transaction that also matches the registrant
    in the directory, writes the registration and queues the confirmation mail (`_registration_write`).

    A new e-mail is the common case, so the e-mail's registration is looked up only when needed: when the event
    is closed, or when the insert fails on the unique constraint on event and normalized e-mail (the e-mail is
    registered already, or a concurrent request registered it just now). Then the transaction has been rolled
    back, directory entries included, and the existing registration is given back (or, cancelled, registered
    again).
    """
    _validate_input(data)
    normalized = directory_services.normalize_email(data.email)
    # A first look without the lock (`event` as the caller loaded it); decided again under the lock.
    if not registration_is_open(event):
        _remind_if_registered(event=event, slug=event.slug, normalized=normalized)
        raise _closed_error(event)
    return _register(event=event, event_id=event.pk, slug=event.slug, data=data, normalized=normalized)


@transaction.atomic
def registration_record(*, user: Any, event: Event, data: RegistrationInput) -> Registration:
    """Staff record a registration taken outside the platform (an earlier event's list of registrants): the event
    may be closed or past, nobody is mailed; the place follows the same rule as any registration (`_take_place`).
    An e-mail already registered for the event is refused."""
    require_role(user, *STAFF)
    _validate_input(data)
    normalized = directory_services.normalize_email(data.email)
    if Registration.objects.filter(event_id=event.pk, email_normalized=normalized).exists():
        raise ValidationError({"email": _("This person is already registered for that event.")})
    organization, person = _directory_entries(
        slug=event.slug,
        data=data,
        organization=directory_services.organization_link_by_name(name=data.organization_name)
        if data.organization_name.strip()
        else None,
    )
    registration = Registration.objects.create(
        event_id=event.pk,
        manage_token=secrets.token_urlsafe(32),
        person=person,
        organization=organization,
        full_name=data.full_name.strip(),
        name_latin=data.name_latin.strip(),
        email=data.email.strip(),
        email_normalized=normalized,
        organization_name=data.organization_name.strip(),
        position=data.position.strip(),
        country=data.country.upper(),
        language=data.language,
        time_zone=data.time_zone,
        consent_to_contact=data.consent,
        status=RegistrationStatus.PENDING,
    )
    registration.sectors.set(data.sectors)  # type: ignore[arg-type]
    _take_place(event_id=event.pk, registration=registration)
    return registration


def registration_create_by_slug(*, slug: str, data: RegistrationInput) -> tuple[Registration, bool]:
    """`registration_create` for the public event with this slug (the API's POST): only the event's key is read
    before the write transaction, its place fields only under its lock there. Raises Event.DoesNotExist when no
    public event has the slug."""
    _validate_input(data)
    normalized = directory_services.normalize_email(data.email)
    cached = slug in _EVENT_IDS
    try:
        return _register(
            event=None, event_id=_public_event_id(slug), slug=slug, data=data, normalized=normalized
        )
    except Event.DoesNotExist:
        _EVENT_IDS.pop(slug, None)
        if not cached:
            raise
    # The cached key was stale (checked under the lock): once more with the event looked up again.
    return _register(event=None, event_id=_public_event_id(slug), slug=slug, data=data, normalized=normalized)


#: Public events' keys by slug for `registration_create_by_slug`, which reads no event before its write
#: transaction: a cache of this process (at most `_EVENT_IDS_MAX` slugs), checked under the event's lock there,
#: where an event whose slug changed or that left the public since is noticed and forgotten.
_EVENT_IDS: dict[str, int] = {}
_EVENT_IDS_MAX = 1024


def _public_event_id(slug: str) -> int:
    """The key of the public event with this slug (Event.DoesNotExist if there is none)."""
    event_id = _EVENT_IDS.get(slug)
    if event_id is None:
        event_id = (
            Event.objects.filter(slug=slug, status__in=PUBLIC_STATUSES).values_list("pk", flat=True).first()
        )
        if event_id is None:
            raise Event.DoesNotExist
        if len(_EVENT_IDS) >= _EVENT_IDS_MAX:
            _EVENT_IDS.clear()
        _EVENT_IDS[slug] = event_id
    return event_id


def _register(
    *, event: Event | None, event_id: int, slug: str, data: RegistrationInput, normalized: str
) -> tuple[Registration, bool]:
    """The write transaction of `registration_create`, retried when an insert collides (see there)."""
    previous_id: int | None = None
    for attempt in range(_RETRIES):
        # Reads that need no lock happen before the write transaction, which is kept to its writes (under
        # SQLite it holds the database's only write lock): an organization once in the directory stays there (a
        # merge keeps the record), so one found now is the match, and a new name is matched or created inside.
        # The person is not looked up: the insert is tried first inside (see `_directory_entries`).
        organization = (
            directory_services.organization_link_by_name(name=data.organization_name)
            if data.organization_name.strip()
            else None
        )
        try:
            with _sqlite_writer_slot():
                return _registration_write(
                    event=event,
                    event_id=event_id,
                    slug=slug,
                    data=data,
                    normalized=normalized,
                    previous_id=previous_id,
                    organization=organization,
                )
        except RegistrationClosedError:
            # Closed since the first look: the same answer for every e-mail (an active registration gets its link
            # by mail).
            _remind_if_registered(event=event, slug=slug, normalized=normalized)
            raise
        except IntegrityError:
            # The e-mail's registration exists, or a concurrent transaction inserted the same registration or
            # organization: look again.
            if attempt == _RETRIES - 1:
                raise
            existing = _registration_of(event=event, slug=slug, normalized=normalized)
            if existing is not None:
                if existing.status in ACTIVE_STATUSES:
                    _remind(existing)
                    current = Event.objects.only(*_PLACE_FIELDS).get(pk=event_id)
                    if not registration_is_open(current):
                        # Closed meanwhile: the same answer as for an e-mail that is not registered.
                        raise _closed_error(current) from None
                    return existing, False
                previous_id = existing.pk
    raise AssertionError("unreachable")


def _remind(registration: Registration) -> None:
    """Someone registered this registration's e-mail again: mail its holder their own link (the answer to the
    request says nothing about it), in its own small write transaction."""
    with _sqlite_writer_slot(), transaction.atomic():
        queue_registration_mail(registration, ALREADY_REGISTERED)


def _remind_if_registered(*, event: Event | None, slug: str, normalized: str) -> None:
    """For a closed event: an active registration of the e-mail gets its own link by mail (`_remind`)."""
    existing = _registration_of(event=event, slug=slug, normalized=normalized)
    if existing is not None and existing.status in ACTIVE_STATUSES:
        _remind(existing)


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


def _cancel_locked(registration_id: int, *, notify: bool = True) -> tuple[Registration, list[Registration]]:
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = Event.objects.select_for_update().get(pk=event_id)
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.status in {RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED}:
        return registration, []
    held_a_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.sequence += 1
    registration.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    if notify:
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
    return _cancel_locked(registration_id)


@transaction.atomic
def registration_cancel(*, user: Any, registration: Registration) -> tuple[Registration, list[Registration]]:
    """An officer cancels a registration; the first waitlisted registrant takes the place."""
    require_role(user, *STAFF)
    return _cancel_locked(registration.pk)


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
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
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
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_related("event").get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a registration awaiting approval can be approved."), code="not_pending")
    locked.status = _status_for_new(event)
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
    event = Event.objects.select_for_update().get(pk=registration.event_id)
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
    event = Event.objects.select_for_update().get(pk=registration.event_id)
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
    locked = {
        event.pk: event
        for event in Event.objects.select_for_update()
        .filter(pk__in=[registration.event_id, to_event.pk])
        .order_by("pk")
    }
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
    new.status = (
        RegistrationStatus.PENDING
        if target.approval_mode == ApprovalMode.OFFICER
        else _status_for_new(target)
    )
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
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
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
