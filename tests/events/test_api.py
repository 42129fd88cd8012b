import pytest
from django.core import mail
from django.test import Client

from investbridge.events import selectors
from investbridge.events.models import EventStatus, Registration, RegistrationStatus
from tests.factories.directory import OrganizationFactory
from tests.factories.events import EventFactory, RegistrationFactory, VideoRoomFactory
from tests.sql import statement_kinds

pytestmark = pytest.mark.integration

BODY = {
    "name": "Ольга Кузнецова",
    "email": "olga@example.org",
    "organization": "ПАО «Волга»",
    "country": "RU",
    "language": "ru",
}


def test_event_list_includes_capacity_and_counts(client, db):
    event = EventFactory(capacity=3, slug="api-event")
    RegistrationFactory(event=event, arrival=1)
    RegistrationFactory(event=event, arrival=2, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, arrival=3, status=RegistrationStatus.PENDING)
    EventFactory(status=EventStatus.DRAFT)

    response = client.get("/api/v1/events")

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["slug"] == "api-event"
    assert item["capacity"] == 3
    assert item["registrations"] == {"confirmed": 1, "waitlisted": 1, "pending": 1}


def test_event_detail_never_contains_join_link(client, db):
    event = EventFactory(slug="api-event")
    VideoRoomFactory(event=event, room_name="secret-room")

    response = client.get("/api/v1/events/api-event", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "secret-room" not in response.content.decode()
    assert response.json()["host_city"] == {"name": "Haikou", "time_zone": "Asia/Shanghai"}


def test_event_list_query_count_is_constant(client, db, django_assert_num_queries):
    for _ in range(6):
        EventFactory()

    with django_assert_num_queries(2):  # the count and the page
        client.get("/api/v1/events")


def test_register_query_count_new_person_known_organization(client, db, django_assert_num_queries):
    EventFactory(slug="api-event", capacity=1)
    OrganizationFactory(name="ПАО «Волга»", name_ru="ПАО «Волга»")
    expected = [
        "SELECT events_event",  # the public event by its slug
        "SELECT directory_organization",
        "SAVEPOINT",
        "SAVEPOINT",
        "INSERT directory_person",
        "RELEASE",
        "INSERT directory_membership",
        "INSERT events_registration",
        # Last, the event's row lock with its place fields, and the place written under it.
        "SELECT events_event",
        "UPDATE events_event",
        "UPDATE events_registration",
        "RELEASE",
    ]

    with django_assert_num_queries(len(expected)) as captured:
        response = client.post(
            "/api/v1/events/api-event/registrations", BODY, content_type="application/json"
        )

    assert response.status_code == 202
    assert statement_kinds(captured.captured_queries) == expected


ACCEPTED = {
    "status": "accepted",
    # In the request's language (Accept-Language; Russian without one), never in the registration's.
    "message": "Спасибо. Мы отправили письмо на указанный вами адрес — в нём персональная ссылка на регистрацию.",
}


def _post(client, body=None, **extra):
    return client.post(
        "/api/v1/events/api-event/registrations", body or BODY, content_type="application/json", **extra
    )


def test_register_same_email_again_query_count(client, db, django_assert_num_queries):
    EventFactory(slug="api-event", capacity=1)
    first = _post(client)

    with django_assert_num_queries(16) as captured:
        again = _post(client)

    # The person's insert collided (rolled back to its savepoint, the person then read), the registration's insert
    # collided before the event's lock and the transaction was rolled back; a second transaction locked the
    # existing registration, read the event (still open?) and queued the reminder.
    kinds = statement_kinds(captured.captured_queries)
    assert (kinds.count("ROLLBACK"), kinds[-4:]) == (
        2,
        ["SAVEPOINT", "SELECT events_registration", "SELECT events_event", "RELEASE"],
    )
    assert (again.status_code, again.json()) == (first.status_code, first.json())


def test_register_new_and_known_email_same_status_and_body_without_token(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="api-event", capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client)
    with django_capture_on_commit_callbacks(execute=True):
        again = _post(client, {**BODY, "email": "OLGA@example.org", "consent": True})

    assert (first.status_code, first.json()) == (202, ACCEPTED)
    assert (again.status_code, again.json()) == (202, ACCEPTED)
    registration = Registration.objects.get(event=event)
    assert registration.manage_token not in first.content.decode() + again.content.decode()
    # The link travels only by e-mail: a confirmation first, then a reminder with the same personal link.
    assert [message.subject for message in mail.outbox] == [
        f"Ваше участие подтверждено: {event.title_ru}",
        f"Вы уже зарегистрированы: {event.title_ru}",
    ]
    link = f"/ru/events/manage/{registration.manage_token}/"
    assert all(link in message.body for message in mail.outbox)
    assert mail.outbox[1].to == ["olga@example.org"]
    assert client.get(link).status_code == 200


def test_register_known_email_waitlisted_or_pending_gets_same_answer(client, db):
    event = EventFactory(slug="api-event", capacity=0)
    _post(client)

    again = _post(client, {**BODY, "name": "Someone Else", "language": "en"})

    assert (again.status_code, again.json()) == (202, ACCEPTED)
    registration = Registration.objects.get(event=event)
    assert (registration.status, registration.full_name) == (RegistrationStatus.WAITLISTED, "Ольга Кузнецова")


def test_register_cancelled_email_again_back_in_line_only_by_mail(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="api-event", capacity=1)
    cancelled = RegistrationFactory(
        event=event,
        email="olga@example.org",
        email_normalized="olga@example.org",
        status=RegistrationStatus.CANCELLED,
        arrival=1,
    )
    RegistrationFactory(event=event, arrival=2)
    event.arrivals = 2
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)

    assert (response.status_code, response.json()) == (202, ACCEPTED)
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.arrival) == (RegistrationStatus.WAITLISTED, 3)
    assert [message.subject for message in mail.outbox] == [f"Вы в листе ожидания: {event.title_ru}"]
    assert f"/ru/events/manage/{cancelled.manage_token}/" in mail.outbox[0].body


def test_register_full_event_waitlists(client, db):
    event = EventFactory(slug="api-event", capacity=1)
    RegistrationFactory(event=event, arrival=1)
    event.arrivals = 1
    event.save()

    response = _post(client)

    assert (response.status_code, response.json()) == (202, ACCEPTED)
    assert (
        Registration.objects.get(event=event, email="olga@example.org").status
        == RegistrationStatus.WAITLISTED
    )


def test_register_closed_event_known_and_new_email_same_409_known_gets_reminder(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="api-event", status=EventStatus.CLOSED)
    registered = RegistrationFactory(
        event=event, email="olga@example.org", email_normalized="olga@example.org", language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        known = _post(client)
        new = _post(client, {**BODY, "email": "new@example.org"})

    assert (known.status_code, known.json()) == (new.status_code, new.json())
    assert known.status_code == 409
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["olga@example.org"], f"You are already registered: {event.title_en}")
    ]
    assert f"/en/events/manage/{registered.manage_token}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Регистрация на это мероприятие закрыта."),
        ("zh-hans", "本活动报名已截止。"),
        ("en", "Registration for this event is closed."),
    ],
)
def test_register_closed_event_is_409_in_requested_language(client, db, language, message):
    EventFactory(slug="api-event", status=EventStatus.CLOSED)

    response = client.post(
        "/api/v1/events/api-event/registrations",
        BODY,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 409
    assert response.json() == {"error": {"code": "closed", "message": message, "fields": {}}}


def test_register_invalid_body_is_400_with_fields(client, db):
    EventFactory(slug="api-event")

    response = client.post(
        "/api/v1/events/api-event/registrations",
        {"name": "", "email": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["email", "name"]
    assert response.json()["error"]["fields"]["email"] == ["Введите правильный адрес электронной почты."]


def test_register_unknown_or_draft_event_is_404(client, db):
    EventFactory(slug="draft", status=EventStatus.DRAFT)

    assert (
        client.post("/api/v1/events/draft/registrations", BODY, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post("/api/v1/events/nope/registrations", BODY, content_type="application/json").status_code
        == 404
    )


def test_delete_registration_with_token_promotes_first_waitlisted(client, db):
    event = EventFactory(slug="api-event", capacity=1)
    first = RegistrationFactory(event=event, arrival=1)
    second = RegistrationFactory(event=event, arrival=2, status=RegistrationStatus.WAITLISTED)

    response = client.delete(f"/api/v1/registrations/{first.pk}?token={first.manage_token}")

    assert response.status_code == 200
    assert response.json() == {"id": first.pk, "status": "cancelled", "promoted": 1}
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED


def test_delete_registration_wrong_token_is_404(client, db):
    registration = RegistrationFactory()

    response = client.delete(f"/api/v1/registrations/{registration.pk}?token=wrong")

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("role", ["anonymous", "company", "partner", "officer", "admin"])
def test_api_permission_matrix(client_for, role):
    event = EventFactory(slug="api-event", capacity=5)
    EventFactory(slug="api-draft", status=EventStatus.DRAFT)
    client = client_for(role)
    sees_drafts = role in {"officer", "admin"}

    listing = client.get("/api/v1/events")
    draft = client.get("/api/v1/events/api-draft")
    created = client.post(
        "/api/v1/events/api-event/registrations",
        {**BODY, "email": f"{role}@example.org"},
        content_type="application/json",
    )
    registration = Registration.objects.get(email=f"{role}@example.org")
    deleted = client.delete(f"/api/v1/registrations/{registration.pk}?token={registration.manage_token}")

    assert listing.status_code == 200
    assert len(listing.json()["results"]) == (2 if sees_drafts else 1)
    assert draft.status_code == (200 if sees_drafts else 404)
    assert (created.status_code, created.json()) == (202, ACCEPTED)
    assert deleted.status_code == 200
    assert selectors.event_counts(event=event) == {"confirmed": 0, "waitlisted": 0, "pending": 0}


@pytest.mark.django_db(transaction=True)
def test_register_concurrent_http_requests_exactly_capacity(run_concurrently):
    event = EventFactory(slug="race-event", capacity=4)

    def post(index: int):
        response = Client().post(
            "/api/v1/events/race-event/registrations",
            {**BODY, "email": f"racer{index}@example.org"},
            content_type="application/json",
        )
        return response.status_code, response.json()

    results, errors = run_concurrently(post, [(i,) for i in range(16)])

    assert errors == []
    assert results == [(202, ACCEPTED)] * 16
    assert selectors.event_counts(event=event) == {"confirmed": 4, "waitlisted": 12, "pending": 0}
    registrations = list(selectors.event_registrations(event=event))
    assert [r.status for r in registrations[:4]] == ["confirmed"] * 4
