"""Writes of the matchmaking domain.

A participant acts as its registration (signed in as a company representative whose e-mail is the registration's,
or through the registration's manage link); officers act as themselves. Each service checks who may act.
Request creation locks both participants' profile rows (in id order) so that the cap and the one-open-request-
per-pair rule hold under concurrent requests; the partial unique constraint is the last line of defence.
"""

import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from investbridge.core.permissions import require_role
from investbridge.core.roles import STAFF_ROLES
from investbridge.matchmaking import agenda, emails, runs, selectors
from investbridge.matchmaking.languages import LANGUAGE_CODES
from investbridge.matchmaking.models import (
    OPEN_STATUSES,
    Interpreter,
    Kind,
    MatchmakingSetup,
    Meeting,
    MeetingRequest,
    Profile,
    RequestStatus,
    Room,
    RunStatus,
    ScheduleRun,
    Slot,
)

#: Errors the API raises about input that names no participant or sector of the event.
UNKNOWN_PARTICIPANT = gettext_lazy("Unknown participant.")
UNKNOWN_SECTOR = gettext_lazy("Unknown ISIC section.")
#: A queued or running scheduler run that has not moved for its time limit plus this long is considered dead.
STALE_AFTER_SECONDS = 300
#: Priority of a must-have meeting set by an officer (ordinary accepted requests have 1).
MUST_HAVE_PRIORITY = 10
#: A participant's zone when the registration names none: by country, else the event's partner city.
ZONE_BY_COUNTRY = {"CN": "Asia/Shanghai", "RU": "Europe/Moscow", "BY": "Europe/Minsk", "KZ": "Asia/Almaty"}
#: Interface language of a registration -> the spoken language it implies.
SPOKEN = {"ru": "ru", "zh-hans": "zh", "en": "en"}


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, or a participant identified by its registration (manage link)."""

    user: Any = None
    registration: Any = None


def _is_officer(actor: Actor) -> bool:
    return selectors.is_officer(actor.user)


def _require_self_or_officer(actor: Actor, profile: Profile) -> None:
    if _is_officer(actor):
        return
    if actor.registration is not None and actor.registration.pk == profile.registration_id:
        return
    raise PermissionDenied


def _require_officer(user: Any) -> None:
    require_role(user, *STAFF_ROLES)


# --- setup ----------------------------------------------------------------------------------------------------


def setup_ensure(*, event: Any) -> MatchmakingSetup:
    setup, _created = MatchmakingSetup.objects.get_or_create(event=event)
    return setup


@transaction.atomic
def setup_update(*, user: Any, event: Any, request_cap: int, expiry_hours: int) -> MatchmakingSetup:
    _require_officer(user)
    if request_cap < 1 or expiry_hours < 1:
        raise ValidationError(_("The cap and the answer time must be at least 1."), code="invalid")
    setup = setup_ensure(event=event)
    setup.request_cap = request_cap
    setup.expiry_hours = expiry_hours
    setup.save(update_fields=["request_cap", "expiry_hours", "updated_at"])
    return setup


# --- profiles -------------------------------------------------------------------------------------------------


def _default_zone(registration: Any) -> str:
    if registration.time_zone:
        return str(registration.time_zone)
    return ZONE_BY_COUNTRY.get(registration.country, registration.event.partner_time_zone)


@transaction.atomic
def profile_ensure(*, registration: Any) -> Profile:
    """The participant's profile, created from its registration the first time (race-free)."""
    existing = Profile.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    setup_ensure(event=registration.event)
    try:
        with transaction.atomic():
            profile = Profile.objects.create(
                event_id=registration.event_id,
                registration=registration,
                organization_name=registration.organization_name or registration.full_name,
                country=registration.country,
                languages=[SPOKEN.get(registration.language, "en")],
                time_zone=_default_zone(registration),
                is_demo=registration.is_demo,
            )
    except IntegrityError:
        return Profile.objects.get(registration=registration)
    profile.sectors.set(list(registration.sectors.all()))
    return profile


def _clean_codes(values: Iterable[str], allowed: Iterable[str], field: str, message: str) -> list[str]:
    allowed_set = set(allowed)
    cleaned = sorted({str(v) for v in values})
    bad = [v for v in cleaned if v not in allowed_set]
    if bad:
        raise ValidationError({field: message % {"value": bad[0]}})
    return cleaned


@transaction.atomic
def profile_update(
    *,
    actor: Actor,
    profile: Profile,
    values: Mapping[str, Any],
    sectors: Iterable[Any] | None = None,
    unavailable_slots: Iterable[Slot] | None = None,
) -> Profile:
    """Change a profile: values may hold organization_name, description, offers, seeks, countries, languages,
    time_zone."""
    _require_self_or_officer(actor, profile)
    profile = Profile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
    unknown_kind = _("Unknown kind of cooperation: %(value)s.")
    if "offers" in values:
        profile.offers = _clean_codes(values["offers"], Kind.values, "offers", unknown_kind)
    if "seeks" in values:
        profile.seeks = _clean_codes(values["seeks"], Kind.values, "seeks", unknown_kind)
    if "languages" in values:
        languages = _clean_codes(
            values["languages"], LANGUAGE_CODES, "languages", _("Unknown language: %(value)s.")
        )
        if not languages:
            raise ValidationError({"languages": _("Name at least one language you speak.")})
        profile.languages = languages
    if "countries" in values:
        countries = sorted({str(c).upper() for c in values["countries"]})
        if any(len(c) != 2 or not c.isalpha() for c in countries):
            raise ValidationError({"countries": _("Choose countries from the list.")})
        profile.countries = countries
    if "time_zone" in values:
        try:
            zoneinfo.ZoneInfo(str(values["time_zone"]))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from error
        profile.time_zone = str(values["time_zone"])
    if "organization_name" in values:
        name = str(values["organization_name"]).strip()
        if not name:
            raise ValidationError({"organization_name": _("Give the organization's name.")})
        profile.organization_name = name
    if "description" in values:
        profile.description = str(values["description"]).strip()
    profile.save()
    if sectors is not None:
        profile.sectors.set(list(sectors))
    if unavailable_slots is not None:
        chosen = list(unavailable_slots)
        if any(slot.event_id != profile.event_id for slot in chosen):
            raise ValidationError({"unavailable_slots": _("Choose slots of this event.")})
        profile.unavailable_slots.set(chosen)
    return profile


# --- meeting requests -----------------------------------------------------------------------------------------


def _open_count(profile_id: int, event_id: int) -> int:
    return MeetingRequest.objects.filter(
        Q(requester_id=profile_id) | Q(recipient_id=profile_id), event_id=event_id, status__in=OPEN_STATUSES
    ).count()


def _lock_profiles(*ids: int) -> dict[int, Profile]:
    return {
        p.pk: p
        for p in Profile.objects.select_for_update(of=("self",))
        .filter(pk__in=sorted(set(ids)))
        .select_related("registration", "event")
        .order_by("pk")
    }


@transaction.atomic
def request_create(
    *, actor: Actor, requester: Profile, recipient: Profile, message: str = ""
) -> MeetingRequest:
    """Ask for a meeting. Refused for oneself, between different events, for a pair with an open request,
    and when either side has reached the organizer's cap."""
    _require_self_or_officer(actor, requester)
    if requester.pk == recipient.pk:
        raise ValidationError(_("You cannot ask yourself for a meeting."), code="self")
    if requester.event_id != recipient.event_id:
        raise ValidationError(_("Both participants must take part in the same event."), code="event")
    setup = setup_ensure(event=requester.event)
    locked = _lock_profiles(requester.pk, recipient.pk)
    low, high = sorted((requester.pk, recipient.pk))
    if MeetingRequest.objects.filter(
        event_id=requester.event_id, pair_low=low, pair_high=high, status__in=OPEN_STATUSES
    ).exists():
        raise ValidationError(
            _("There is already a request between you and this participant."), code="duplicate"
        )
    if _open_count(requester.pk, requester.event_id) >= setup.request_cap:
        raise ValidationError(
            _("You have reached the limit of %(cap)s meetings set by the organizer.")
            % {"cap": setup.request_cap},
            code="cap",
        )
    if _open_count(recipient.pk, requester.event_id) >= setup.request_cap:
        raise ValidationError(
            _("This participant has no free places for meetings left."),
            code="cap_recipient",
        )
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event_id=requester.event_id,
                requester=locked[requester.pk],
                recipient=locked[recipient.pk],
                pair_low=low,
                pair_high=high,
                message=message.strip()[:2000],
                expires_at=timezone.now() + timedelta(hours=setup.expiry_hours),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("There is already a request between you and this participant."), code="duplicate"
        ) from error
    emails.queue_request_mail(request, "received")
    return request


@transaction.atomic
def request_respond(*, actor: Actor, request: MeetingRequest, accept: bool) -> MeetingRequest:
    """The recipient (or an officer) accepts or declines a pending request."""
    request = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("recipient", "requester")
        .get(pk=request.pk)
    )
    _require_self_or_officer(actor, request.recipient)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered or has expired."), code="not_pending")
    if request.expires_at is not None and request.expires_at <= timezone.now():
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status", "updated_at"])
        raise ValidationError(_("This request has already been answered or has expired."), code="not_pending")
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at", "updated_at"])
    if accept:
        Meeting.objects.get_or_create(request=request, defaults={"event_id": request.event_id})
    emails.queue_request_mail(request, "accepted" if accept else "declined")
    return request


@transaction.atomic
def request_withdraw(*, actor: Actor, request: MeetingRequest) -> MeetingRequest:
    """The requester (or an officer) withdraws a pending request: it frees a place under both caps, and the
    recipient, who was told of the request when it arrived, is told that it no longer needs an answer."""
    request = (
        MeetingRequest.objects.select_for_update(of=("self",)).select_related("requester").get(pk=request.pk)
    )
    _require_self_or_officer(actor, request.requester)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("Only a request awaiting an answer can be withdrawn."), code="not_pending")
    request.status = RequestStatus.CANCELLED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at", "updated_at"])
    emails.queue_request_mail(request, "withdrawn")
    return request


@transaction.atomic
def must_have_add(
    *, user: Any, first: Profile, second: Profile, priority: int = MUST_HAVE_PRIORITY
) -> MeetingRequest:
    """An officer adds a meeting that must take place: accepted at once, high priority, outside the cap.

    A pending request between the pair becomes that meeting; an accepted one is raised to must-have.
    """
    _require_officer(user)
    if first.pk == second.pk or first.event_id != second.event_id:
        raise ValidationError(_("Choose two different participants of the event."), code="pair")
    if priority < 1:
        raise ValidationError(_("The priority must be at least 1."), code="priority")
    _lock_profiles(first.pk, second.pk)
    low, high = sorted((first.pk, second.pk))
    request = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .filter(event_id=first.event_id, pair_low=low, pair_high=high, status__in=OPEN_STATUSES)
        .first()
    )
    if request is None:
        request = MeetingRequest.objects.create(
            event_id=first.event_id,
            requester=first,
            recipient=second,
            pair_low=low,
            pair_high=high,
            status=RequestStatus.ACCEPTED,
            responded_at=timezone.now(),
            must_have=True,
            priority=priority,
        )
    else:
        request.status = RequestStatus.ACCEPTED
        request.must_have = True
        request.priority = max(priority, request.priority)
        request.responded_at = request.responded_at or timezone.now()
        request.save(update_fields=["status", "must_have", "priority", "responded_at", "updated_at"])
    Meeting.objects.get_or_create(request=request, defaults={"event_id": request.event_id})
    return request


@transaction.atomic
def requests_expire(*, now: datetime | None = None) -> int:
    """Mark pending requests past their deadline as expired; returns how many."""
    now = now or timezone.now()
    expired = list(
        MeetingRequest.objects.select_for_update(of=("self",))
        .filter(status=RequestStatus.PENDING, expires_at__lte=now)
        .select_related("requester__registration", "recipient__registration", "event")
    )
    for request in expired:
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status", "updated_at"])
        emails.queue_request_mail(request, "expired")
    return len(expired)


# --- resources ------------------------------------------------------------------------------------------------


def _parse_time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


@transaction.atomic
def slots_generate(
    *,
    user: Any,
    event: Any,
    days: Sequence[date],
    minutes: int,
    host_hours: tuple[time, time] = (time(9), time(18)),
    partner_hours: tuple[time, time] = (time(9), time(18)),
) -> list[Slot]:
    """Create slots of `minutes` on each day (a date in the host city) that fall in both cities' working hours.

    Returns the new slots; existing slots at the same start are kept.
    """
    _require_officer(user)
    if not 5 <= minutes <= 240:
        raise ValidationError(_("A slot lasts between 5 and 240 minutes."), code="minutes")
    if not days:
        raise ValidationError(_("Choose at least one day."), code="days")
    host = zoneinfo.ZoneInfo(event.host_time_zone)
    partner = zoneinfo.ZoneInfo(event.partner_time_zone)
    created: list[Slot] = []
    existing = set(Slot.objects.filter(event=event).values_list("starts_at", flat=True))
    for day in sorted(set(days)):
        start = datetime.combine(day, time(0), tzinfo=host).astimezone(UTC)
        end = start + timedelta(days=1)
        cursor = start
        while cursor + timedelta(minutes=minutes) <= end:
            slot_end = cursor + timedelta(minutes=minutes)
            if (
                _within(cursor, slot_end, host, host_hours)
                and _within(cursor, slot_end, partner, partner_hours)
                and cursor not in existing
            ):
                created.append(Slot.objects.create(event=event, starts_at=cursor, ends_at=slot_end))
                existing.add(cursor)
            cursor = slot_end
    return created


def _within(start: datetime, end: datetime, zone: zoneinfo.ZoneInfo, hours: tuple[time, time]) -> bool:
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)
    if local_start.date() != (local_end - timedelta(microseconds=1)).date():
        return False
    opens, closes = hours
    return opens <= local_start.time() and (local_end.time() <= closes or closes == time(0))


@transaction.atomic
def slot_delete(*, user: Any, slot: Slot) -> None:
    _require_officer(user)
    if Meeting.objects.filter(Q(slot=slot) | Q(published_slot=slot), locked=True).exists():
        raise ValidationError(_("A locked meeting takes place in this slot: unlock it first."), code="locked")
    slot.delete()


@transaction.atomic
def room_add(*, user: Any, event: Any, name: str, url: str = "") -> Room:
    _require_officer(user)
    if not name.strip():
        raise ValidationError({"name": _("Give the room a name.")})
    return Room.objects.create(event=event, name=name.strip(), url=url.strip())


@transaction.atomic
def room_delete(*, user: Any, room: Room) -> None:
    _require_officer(user)
    if Meeting.objects.filter(room=room, locked=True).exists():
        raise ValidationError(_("A locked meeting takes place in this room: unlock it first."), code="locked")
    room.delete()


def _interpreter_values(*, name: str, languages: Iterable[str], email: str) -> tuple[str, list[str], str]:
    chosen = _clean_codes(languages, LANGUAGE_CODES, "languages", _("Unknown language: %(value)s."))
    if len(chosen) < 2:
        raise ValidationError({"languages": _("An interpreter speaks at least two languages.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the interpreter's name.")})
    return name.strip(), chosen, email.strip()


def _event_slots(event_id: int, slots: Iterable[Slot]) -> list[Slot]:
    chosen = list(slots)
    if any(slot.event_id != event_id for slot in chosen):
        raise ValidationError({"unavailable_slots": _("Choose slots of this event.")})
    return chosen


@transaction.atomic
def interpreter_add(
    *,
    user: Any,
    event: Any,
    name: str,
    languages: Iterable[str],
    email: str = "",
    unavailable_slots: Iterable[Slot] = (),
) -> Interpreter:
    _require_officer(user)
    name, chosen, email = _interpreter_values(name=name, languages=languages, email=email)
    away = _event_slots(event.pk, unavailable_slots)
    interpreter = Interpreter.objects.create(event=event, name=name, email=email, languages=chosen)
    interpreter.unavailable_slots.set(away)
    return interpreter


@transaction.atomic
def interpreter_update(
    *,
    user: Any,
    interpreter: Interpreter,
    name: str,
    languages: Iterable[str],
    email: str = "",
    unavailable_slots: Iterable[Slot] = (),
) -> Interpreter:
    """Change an interpreter's name, languages, e-mail and the slots at which it cannot work.

    Refused when a locked meeting served by the interpreter would lose it: a slot of that meeting marked
    unavailable, or a language of that meeting's participants no longer spoken.
    """
    _require_officer(user)
    interpreter = (
        Interpreter.objects.select_for_update(of=("self",)).select_related("event").get(pk=interpreter.pk)
    )
    name, chosen, email = _interpreter_values(name=name, languages=languages, email=email)
    away = _event_slots(interpreter.event_id, unavailable_slots)
    away_ids = {slot.pk for slot in away}
    for meeting in (
        Meeting.objects.filter(interpreter=interpreter, locked=True)
        .select_related("slot", "request__requester", "request__recipient")
        .order_by("slot__starts_at", "pk")
    ):
        if meeting.slot_id in away_ids:
            language = get_language() or settings.LANGUAGE_CODE
            event = interpreter.event
            raise ValidationError(
                {
                    "unavailable_slots": _(
                        "A locked meeting needs this interpreter on %(day)s, %(time)s: unlock it first."
                    )
                    % {
                        "day": agenda.slot_day(meeting.slot, event, language=language),
                        "time": agenda.slot_label(meeting.slot, event, language=language),
                    }
                }
            )
        sides = (meeting.request.requester, meeting.request.recipient)
        if not all(set(chosen) & set(side.languages) for side in sides):
            raise ValidationError(
                {
                    "languages": _(
                        "A locked meeting needs this interpreter for %(first)s and %(second)s: keep a language "
                        "of each or unlock the meeting first."
                    )
                    % {"first": sides[0].organization_name, "second": sides[1].organization_name}
                }
            )
    interpreter.name, interpreter.languages, interpreter.email = name, chosen, email
    interpreter.save(update_fields=["name", "languages", "email"])
    interpreter.unavailable_slots.set(away)
    return interpreter


@transaction.atomic
def interpreter_delete(*, user: Any, interpreter: Interpreter) -> None:
    _require_officer(user)
    if Meeting.objects.filter(interpreter=interpreter, locked=True).exists():
        raise ValidationError(_("A locked meeting needs this interpreter: unlock it first."), code="locked")
    interpreter.delete()


# --- schedule -------------------------------------------------------------------------------------------------


@transaction.atomic
def schedule_run_start(*, user: Any, event: Any, time_limit: float = 10.0) -> ScheduleRun:
    """Queue a scheduler run; the task queue executes it (immediately in tests)."""
    _require_officer(user)
    if not 1 <= time_limit <= 600:
        raise ValidationError(_("The time limit is between 1 and 600 seconds."), code="time_limit")
    active = ScheduleRun.objects.select_for_update(of=("self",)).filter(
        event=event, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    )
    for previous in active:
        # A run whose worker died never finishes: after its time limit plus a margin it no longer blocks.
        if previous.updated_at < timezone.now() - timedelta(
            seconds=previous.time_limit + STALE_AFTER_SECONDS
        ):
            previous.status = RunStatus.FAILED
            previous.error = _("The run did not finish (the task worker stopped).")
            previous.finished_at = timezone.now()
            previous.save(update_fields=["status", "error", "finished_at", "updated_at"])
        else:
            raise ValidationError(_("The scheduler is already running for this event."), code="running")
    if not Slot.objects.filter(event=event).exists() or not Room.objects.filter(event=event).exists():
        raise ValidationError(_("Configure time slots and rooms first."), code="resources")
    setup_ensure(event=event)
    run = ScheduleRun.objects.create(event=event, started_by=user, time_limit=time_limit)

    transaction.on_commit(lambda: runs.run_scheduler.enqueue(run.pk))
    return run


@transaction.atomic
def meeting_set_lock(*, user: Any, meeting: Meeting, locked: bool) -> Meeting:
    """Lock a scheduled meeting (re-runs keep it where it is) or unlock it."""
    _require_officer(user)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if locked and (meeting.slot_id is None or meeting.room_id is None):
        raise ValidationError(_("Only a scheduled meeting can be locked."), code="unscheduled")
    meeting.locked = locked
    meeting.save(update_fields=["locked", "updated_at"])
    return meeting


@transaction.atomic
def schedule_publish(*, user: Any, event: Any) -> list[Profile]:
    """Publish the draft schedule; participants whose agenda changed get a notice. Returns them."""
    _require_officer(user)
    setup = MatchmakingSetup.objects.select_for_update(of=("self",)).get(pk=setup_ensure(event=event).pk)
    changed: dict[int, Profile] = {}
    for meeting in (
        Meeting.objects.select_for_update(of=("self",))
        .filter(event=event)
        .select_related("request__requester__registration", "request__recipient__registration")
        .order_by("pk")
    ):
        accepted = meeting.request.status == RequestStatus.ACCEPTED
        draft = (meeting.slot_id, meeting.room_id, meeting.interpreter_id) if accepted else (None, None, None)
        published = (meeting.published_slot_id, meeting.published_room_id, meeting.published_interpreter_id)
        if meeting.published_cancelled:
            published = (None, None, None)
        if draft == published:
            continue
        was_published = meeting.published_slot_id is not None
        if was_published:
            meeting.sequence += 1
        if draft[0] is None:
            # Keep the last published time so calendars can cancel that entry.
            meeting.published_cancelled = True
        else:
            meeting.published_cancelled = False
            meeting.published_slot_id, meeting.published_room_id, meeting.published_interpreter_id = draft
        meeting.save(
            update_fields=[
                "published_slot",
                "published_room",
                "published_interpreter",
                "published_cancelled",
                "sequence",
                "updated_at",
            ]
        )
        for profile in (meeting.request.requester, meeting.request.recipient):
            changed[profile.pk] = profile
    setup.published_at = timezone.now()
    setup.save(update_fields=["published_at", "updated_at"])
    for profile in changed.values():
        emails.queue_agenda_mail(profile)
    return list(changed.values())
