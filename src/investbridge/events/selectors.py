"""Reads of the events domain used in several places (pages, API, reports, and other domains)."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from investbridge.core.tokens import is_well_formed_token
from investbridge.events.models import (
    Event,
    EventStatus,
    Material,
    MaterialVisibility,
    Registration,
    RegistrationStatus,
    Session,
)

#: Statuses of events visitors can see.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED, EventStatus.ARCHIVED)


def events_attended_by(*, person_ids: Iterable[int]) -> QuerySet[Event]:
    """Events at which any of these people was recorded as attending (each event once)."""
    return (
        Event.objects.filter(registrations__person_id__in=list(person_ids), registrations__attended=True)
        .distinct()
        .order_by("-starts_at")
    )


def event_registrations(*, event: Event, statuses: Iterable[str] | None = None) -> QuerySet[Registration]:
    """The event's registrations in arrival order, optionally only those in `statuses`."""
    queryset = Registration.objects.filter(event=event).select_related("person", "organization")
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    return queryset.order_by("arrival")


def confirmed_registrations(*, event: Event) -> QuerySet[Registration]:
    return event_registrations(event=event, statuses=[RegistrationStatus.CONFIRMED])


def waitlisted_registrations(*, event: Event) -> QuerySet[Registration]:
    return event_registrations(event=event, statuses=[RegistrationStatus.WAITLISTED])


def _with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """The waiting and pending counts as annotations; the confirmed count is the event's own place counter
    (`Event.confirmed_count`, kept by the services)."""
    return queryset.annotate(
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
        pending_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)),
    )


def public_events() -> QuerySet[Event]:
    """Events visitors may see, with their registration counts (confirmed_count, ...)."""
    return _with_counts(Event.objects.filter(status__in=PUBLIC_STATUSES)).select_related("organizer")


def upcoming_events() -> QuerySet[Event]:
    """Published events that have not ended yet, soonest first."""
    return (
        public_events()
        .filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
        .order_by("starts_at")
    )


def past_events() -> QuerySet[Event]:
    """Visible events that have ended, latest first."""
    return public_events().filter(ends_at__lt=timezone.now()).order_by("-starts_at")


def all_events() -> QuerySet[Event]:
    """Every event with its counts, for officers."""
    return _with_counts(Event.objects.all()).select_related("organizer").order_by("-starts_at")


def event_counts(*, event: Event) -> dict[str, int]:
    """{"confirmed": n, "waitlisted": n, "pending": n} for the event."""
    counts = {"confirmed": 0, "waitlisted": 0, "pending": 0}
    for row in (
        Registration.objects.filter(event=event, status__in=list(counts))
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["status"]] = row["n"]
    return counts


def counts_of(event: Event) -> dict[str, int]:
    """The counts of an event from `public_events()`/`all_events()` annotations, or from the database."""
    if hasattr(event, "waitlisted_count"):
        return {
            "confirmed": event.confirmed_count,
            "waitlisted": event.waitlisted_count,
            "pending": getattr(event, "pending_count", 0),
        }
    return event_counts(event=event)


def event_sessions(*, event: Event) -> QuerySet[Session]:
    return Session.objects.filter(event=event).prefetch_related("speakers").order_by("starts_at", "pk")


def registration_by_token(*, token: str) -> Registration | None:
    if not is_well_formed_token(token):
        return None
    return (
        Registration.objects.select_related("event", "organization", "person")
        .filter(manage_token=token)
        .first()
    )


def registration_for_email(*, event: Event, email: str) -> Registration | None:
    return Registration.objects.filter(event=event, email_normalized=email.strip().lower()).first()


def visible_materials(*, event: Event, is_officer: bool, is_registrant: bool) -> QuerySet[Material]:
    """The event's materials this reader may open."""
    allowed = [MaterialVisibility.PUBLIC]
    if is_registrant or is_officer:
        allowed.append(MaterialVisibility.REGISTRANTS)
    if is_officer:
        allowed.append(MaterialVisibility.OFFICERS)
    return Material.objects.filter(event=event, visibility__in=allowed).order_by("pk")
