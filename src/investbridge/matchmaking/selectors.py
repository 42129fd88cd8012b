"""Reads of the matchmaking domain used by pages, the API, the scheduler task and exports."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.events import selectors as event_selectors
from investbridge.matchmaking import scoring
from investbridge.matchmaking.models import (
    OPEN_STATUSES,
    Interpreter,
    MatchmakingSetup,
    Meeting,
    MeetingRequest,
    Profile,
    RequestStatus,
    Room,
    ScheduleRun,
    Slot,
)


def is_officer(user: Any) -> bool:
    return has_role(user, Role.OFFICER, Role.ADMIN)


def registration_of_user(*, event: Any, user: Any) -> Any:
    """The confirmed registration of a signed-in company representative for the event, or None."""
    if not has_role(user, Role.COMPANY):
        return None
    registration = event_selectors.registration_for_email(event=event, email=user.email)
    if registration is None or registration.pk not in _confirmed_ids(event):
        return None
    return registration


def registration_of_token(*, token: str) -> Any:
    """The confirmed registration whose manage link carries this token, or None."""
    registration = event_selectors.registration_by_token(token=token)
    if registration is None or registration.pk not in _confirmed_ids(registration.event):
        return None
    return registration


def _confirmed_ids(event: Any) -> set[int]:
    return set(event_selectors.confirmed_registrations(event=event).values_list("pk", flat=True))


def participants(*, event: Any) -> QuerySet[Any]:
    """The event's participants: its confirmed registrations."""
    return event_selectors.confirmed_registrations(event=event)


def setup_of(*, event: Any) -> MatchmakingSetup | None:
    return MatchmakingSetup.objects.filter(event=event).first()


def is_published(*, event: Any) -> bool:
    setup = setup_of(event=event)
    return setup is not None and setup.published_at is not None


def profiles(*, event: Any) -> QuerySet[Profile]:
    """Profiles of the event's participants (confirmed registrations only), with sectors prefetched."""
    return (
        Profile.objects.filter(event=event, registration__in=participants(event=event))
        .select_related("registration__organization")
        .prefetch_related("sectors", "unavailable_slots")
        .order_by("organization_name", "pk")
    )


def organization_keys(profile: Profile) -> frozenset[str]:
    """What identifies the participant's organization: the directory's organization of its registration, and
    the organization's name as written (case and spaces ignored)."""
    keys = set()
    registration = profile.registration
    if registration.organization_id is not None:
        keys.add(f"org:{registration.organization_id}")
    for name in (profile.organization_name, registration.organization_name):
        normalized = " ".join(str(name).casefold().split())
        if normalized:
            keys.add(f"name:{normalized}")
    return frozenset(keys)


def profile_data(profile: Profile) -> scoring.ProfileData:
    return scoring.ProfileData(
        id=profile.pk,
        offers=frozenset(profile.offers),
        seeks=frozenset(profile.seeks),
        sectors=frozenset(sector.code for sector in profile.sectors.all()),
        country=profile.country,
        countries=frozenset(profile.countries),
        languages=frozenset(profile.languages),
        organization=organization_keys(profile),
    )


def partner_ids(*, profile: Profile) -> set[int]:
    """Profiles with which this one already has a pending or accepted request."""
    rows = MeetingRequest.objects.filter(
        Q(pair_low=profile.pk) | Q(pair_high=profile.pk), event_id=profile.event_id, status__in=OPEN_STATUSES
    ).values_list("pair_low", "pair_high")
    return {low if high == profile.pk else high for low, high in rows}


@dataclass(frozen=True)
class Recommendation:
    profile: Profile
    suggestion: scoring.Suggestion


def recommendations(*, profile: Profile, limit: int = 10) -> list[Recommendation]:
    """Ranked suggestions for the participant, leaving out those it already has a request with."""
    others = {p.pk: p for p in profiles(event=profile.event)}
    me = others.get(profile.pk, profile)
    suggestions = scoring.recommend(
        profile_data(me),
        [profile_data(p) for p in others.values()],
        exclude=sorted(partner_ids(profile=profile)),
        limit=limit,
    )
    return [Recommendation(others[s.candidate], s) for s in suggestions]


@dataclass(frozen=True)
class CapState:
    """How many of the organizer's meetings per participant (pending plus accepted, sent or received) are used."""

    used: int
    cap: int

    @property
    def reached(self) -> bool:
        return self.used >= self.cap


def cap_state(*, profile: Profile) -> CapState:
    setup = setup_of(event=profile.event)
    cap = setup.request_cap if setup is not None else MatchmakingSetup._meta.get_field("request_cap").default
    used = MeetingRequest.objects.filter(
        Q(requester=profile) | Q(recipient=profile), event_id=profile.event_id, status__in=OPEN_STATUSES
    ).count()
    return CapState(used=used, cap=int(cap))


def requests_of(*, profile: Profile) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(Q(requester=profile) | Q(recipient=profile))
        .select_related("requester__registration__organization", "recipient__registration__organization")
        .order_by("-created_at", "pk")
    )


def event_requests(*, event: Any) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(event=event)
        .select_related("requester", "recipient")
        .order_by("-created_at", "pk")
    )


def request_counts(*, event: Any) -> dict[str, int]:
    counts = dict.fromkeys(RequestStatus.values, 0)
    for row in MeetingRequest.objects.filter(event=event).values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def slots(*, event: Any) -> QuerySet[Slot]:
    return Slot.objects.filter(event=event).order_by("starts_at")


def rooms(*, event: Any) -> QuerySet[Room]:
    return Room.objects.filter(event=event).order_by("pk")


def interpreters(*, event: Any) -> QuerySet[Interpreter]:
    return (
        Interpreter.objects.filter(event=event).prefetch_related("unavailable_slots").order_by("name", "pk")
    )


def _meetings(event: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(event=event, request__status=RequestStatus.ACCEPTED).select_related(
        "request__requester__registration__organization",
        "request__recipient__registration__organization",
        "slot",
        "room",
        "interpreter",
        "published_slot",
        "published_room",
        "published_interpreter",
    )


def draft_meetings(*, event: Any) -> QuerySet[Meeting]:
    return _meetings(event).order_by("slot__starts_at", "room_id", "pk")


def published_meetings(*, event: Any, profile: Profile | None = None) -> QuerySet[Meeting]:
    """Published meetings of the event (of one participant when `profile` is given), in time order."""
    queryset = _meetings(event).exclude(published_slot=None).filter(published_cancelled=False)
    if profile is not None:
        queryset = queryset.filter(Q(request__requester=profile) | Q(request__recipient=profile))
    return queryset.order_by("published_slot__starts_at", "published_room_id", "pk")


def calendar_meetings(*, profile: Profile) -> QuerySet[Meeting]:
    """The participant's meetings for its calendar file: published ones and published-then-cancelled ones."""
    return (
        Meeting.objects.filter(Q(request__requester=profile) | Q(request__recipient=profile))
        .exclude(published_slot=None)
        .select_related(
            "request__requester",
            "request__recipient",
            "published_slot",
            "published_room",
            "published_interpreter",
        )
        .order_by("published_slot__starts_at", "pk")
    )


def latest_run(*, event: Any) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(event=event).order_by("-created_at", "-pk").first()


def events_with_matchmaking() -> QuerySet[Any]:
    """Events for the back office, each with its profile and request counts."""
    return event_selectors.all_events().prefetch_related(
        Prefetch("matchmaking_profiles", queryset=Profile.objects.only("pk", "event_id"))
    )


def events_of_participant(*, user: Any) -> list[tuple[Any, Any]]:
    """(event, registration) for each upcoming event at which the signed-in representative is a participant."""
    if not has_role(user, Role.COMPANY):
        return []
    result = []
    for event in event_selectors.upcoming_events():
        registration = registration_of_user(event=event, user=user)
        if registration is not None:
            result.append((event, registration))
    return result
