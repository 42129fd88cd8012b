"""Race-free registration and cancellation with real threads (SQLite: BEGIN IMMEDIATE; PostgreSQL: row locks)."""

import pytest

from investbridge.events import selectors, services
from investbridge.events.models import Registration, RegistrationStatus
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _register(event_id: int, email: str):
    from investbridge.events.models import Event

    event = Event.objects.get(pk=event_id)
    registration, created = services.registration_create(
        event=event,
        data=services.RegistrationInput(
            full_name=f"Участник {email}", email=email, language="ru", country="RU"
        ),
    )
    return registration.pk, registration.status, created


def test_registration_concurrent_requests_confirm_exactly_capacity(run_concurrently):
    event = EventFactory(capacity=5)

    results, errors = run_concurrently(_register, [(event.pk, f"p{i}@example.org") for i in range(24)])

    assert errors == []
    statuses = [status for _pk, status, _created in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITLISTED) == 19
    registrations = list(selectors.event_registrations(event=event))
    assert [r.arrival for r in registrations] == list(range(1, 25))
    # Arrival order decides: the first five to arrive hold the places.
    assert [r.status for r in registrations[:5]] == [RegistrationStatus.CONFIRMED] * 5
    assert {r.status for r in registrations[5:]} == {RegistrationStatus.WAITLISTED}
    assert selectors.event_counts(event=event) == {"confirmed": 5, "waitlisted": 19, "pending": 0}
    event.refresh_from_db()
    assert (event.confirmed_count, event.arrivals) == (5, 24)


def test_registration_concurrent_same_email_gives_one_registration(run_concurrently):
    event = EventFactory(capacity=5)

    results, errors = run_concurrently(_register, [(event.pk, "Same@Example.org") for _ in range(12)])

    assert errors == []
    assert len({pk for pk, _status, _created in results}) == 1
    assert [created for _pk, _status, created in results].count(True) == 1
    assert Registration.objects.filter(event=event).count() == 1


def _cancel(registration_id: int, token: str):
    services.registration_cancel_by_token(registration_id=registration_id, token=token)
    return "cancelled"


def _cancel_or_register(kind: str, value_a, value_b):
    if kind == "cancel":
        return _cancel(value_a, value_b)
    return _register(value_a, value_b)


def test_cancellations_racing_with_registrations_keep_capacity_and_order(run_concurrently):
    event = EventFactory(capacity=6)
    confirmed = [
        RegistrationFactory(event=event, arrival=i, status=RegistrationStatus.CONFIRMED) for i in range(1, 7)
    ]
    for i in range(7, 11):
        RegistrationFactory(event=event, arrival=i, status=RegistrationStatus.WAITLISTED)
    event.arrivals = 10
    event.save(update_fields=["arrivals"])
    calls = [("cancel", r.pk, r.manage_token) for r in confirmed[:4]]
    calls += [("register", event.pk, f"late{i}@example.org") for i in range(8)]

    _results, errors = run_concurrently(_cancel_or_register, calls)

    assert errors == []
    registrations = list(selectors.event_registrations(event=event))
    active = [r for r in registrations if r.status != RegistrationStatus.CANCELLED]
    confirmed_now = [r for r in active if r.status == RegistrationStatus.CONFIRMED]
    waitlisted_now = [r for r in active if r.status == RegistrationStatus.WAITLISTED]
    assert len(confirmed_now) == 6
    assert len(waitlisted_now) == len(active) - 6
    # Nobody waits while someone who arrived later holds a place.
    assert max(r.arrival for r in confirmed_now) < min(r.arrival for r in waitlisted_now)
    # The four earliest waitlisted were promoted.
    assert {r.arrival for r in confirmed_now} == {5, 6, 7, 8, 9, 10}
    assert len({r.arrival for r in registrations}) == len(registrations) == 18
    event.refresh_from_db()
    assert event.confirmed_count == 6
