import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from investbridge.directory.models import Membership, Person
from investbridge.events import emails, selectors, services
from investbridge.events.models import ApprovalMode, Event, EventStatus, Registration, RegistrationStatus
from tests.factories.directory import OrganizationFactory, PersonFactory
from tests.factories.events import EventFactory, RegistrationFactory
from tests.sql import statement_kinds

pytestmark = pytest.mark.integration


def _data(email: str, **overrides) -> services.RegistrationInput:
    values = {
        "full_name": "Иван Петров",
        "email": email,
        "organization_name": "ООО «Северный ветер»",
        "country": "RU",
        "language": "ru",
    }
    values.update(overrides)
    return services.RegistrationInput(**values)


def test_registration_create_confirms_and_mails_in_registrant_language(
    db, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        registration, created = services.registration_create(event=event, data=_data("ivan@example.org"))

    assert created is True
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.arrival == 1
    assert registration.person.email_normalized == "ivan@example.org"
    assert registration.organization.name_ru == "ООО «Северный ветер»"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivan@example.org"]
    assert message.subject == f"Ваше участие подтверждено: {event.title_ru}"
    assert message.attachments[0][0] == f"{event.slug}.ics"
    assert message.attachments[0][2] == "text/calendar; charset=utf-8"


def test_registration_create_same_email_returns_existing(db):
    event = EventFactory(capacity=2)
    first, _ = services.registration_create(event=event, data=_data("ivan@example.org"))

    again, created = services.registration_create(event=event, data=_data(" IVAN@example.org "))

    assert created is False
    assert again.pk == first.pk
    assert Registration.objects.count() == 1


def test_registration_create_full_event_waitlists(db):
    event = EventFactory(capacity=1)
    services.registration_create(event=event, data=_data("a@example.org"))

    second, _ = services.registration_create(event=event, data=_data("b@example.org"))

    assert second.status == RegistrationStatus.WAITLISTED
    assert selectors.event_counts(event=event) == {"confirmed": 1, "waitlisted": 1, "pending": 0}


def test_registration_create_officer_approval_mode_is_pending(db):
    event = EventFactory(capacity=1, approval_mode=ApprovalMode.OFFICER)

    registration, _ = services.registration_create(event=event, data=_data("a@example.org"))

    assert registration.status == RegistrationStatus.PENDING


@pytest.mark.parametrize(
    ("status", "opens", "closes", "code"),
    [
        (EventStatus.DRAFT, None, None, "closed"),
        (EventStatus.CLOSED, None, None, "closed"),
        (EventStatus.PUBLISHED, timedelta(days=1), None, "not_open"),
        (EventStatus.PUBLISHED, None, timedelta(days=-1), "closed"),
    ],
)
def test_registration_create_closed_event_refused(db, status, opens, closes, code):
    now = timezone.now()
    event = EventFactory(
        status=status,
        registration_opens_at=now + opens if opens else None,
        registration_closes_at=now + closes if closes else None,
    )

    with pytest.raises(services.RegistrationClosedError) as error:
        services.registration_create(event=event, data=_data("a@example.org"))

    assert error.value.code == code
    assert Registration.objects.count() == 0


def test_registration_create_invalid_input_names_fields(db):
    event = EventFactory()

    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, data=_data("not-an-email", full_name=" ", language="de"))

    assert sorted(error.value.message_dict) == ["email", "full_name", "language"]


def test_registration_cancel_by_token_promotes_first_waitlisted(db, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, _ = services.registration_create(event=event, data=_data("a@example.org"))
    second, _ = services.registration_create(event=event, data=_data("b@example.org", language="zh-hans"))
    third, _ = services.registration_create(event=event, data=_data("c@example.org"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.registration_cancel_by_token(
            registration_id=first.pk, token=first.manage_token
        )

    assert [r.pk for r in promoted] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    promoted_mail = next(m for m in mail.outbox if m.to == ["b@example.org"])
    assert promoted_mail.subject == f"已为您空出一个席位：{event.title_zh_hans}"
    cancel_mail = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert "METHOD:CANCEL" in cancel_mail.attachments[0][1]


def test_registration_cancel_by_token_wrong_token_refused(db):
    registration = RegistrationFactory()

    with pytest.raises(Registration.DoesNotExist):
        services.registration_cancel_by_token(registration_id=registration.pk, token="wrong")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registration_approve_requires_officer(db, company_user):
    registration = RegistrationFactory(status=RegistrationStatus.PENDING)

    with pytest.raises(PermissionDenied):
        services.registration_approve(user=company_user, registration=registration)


def test_registration_approve_full_event_waitlists(db, officer):
    event = EventFactory(capacity=1, approval_mode=ApprovalMode.OFFICER)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, arrival=1)
    pending = RegistrationFactory(event=event, status=RegistrationStatus.PENDING, arrival=2)

    result = services.registration_approve(user=officer, registration=pending)

    assert result.status == RegistrationStatus.WAITLISTED


def test_registration_promote_full_event_refused(db, officer):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, arrival=1)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED, arrival=2)

    with pytest.raises(ValidationError) as error:
        services.registration_promote(user=officer, registration=waiting)

    assert error.value.code == "full"


def test_registration_move_frees_place_and_queues_in_target(db, officer):
    source = EventFactory(capacity=1)
    target = EventFactory(capacity=5)
    moving = RegistrationFactory(event=source, status=RegistrationStatus.CONFIRMED, arrival=1)
    waiting = RegistrationFactory(event=source, status=RegistrationStatus.WAITLISTED, arrival=2)

    moved = services.registration_move(user=officer, registration=moving, to_event=target)

    waiting.refresh_from_db()
    moving.refresh_from_db()
    assert (moved.event_id, moved.status, moved.arrival) == (target.pk, RegistrationStatus.CONFIRMED, 1)
    assert moving.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_event_update_capacity_raise_promotes_waitlist(db, officer):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, arrival=1)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED, arrival=2)

    services.event_update(user=officer, event=event, values={"capacity": 2})

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_event_update_time_change_raises_sequence_and_mails(db, officer, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event, arrival=1)

    with django_capture_on_commit_callbacks(execute=True):
        updated = services.event_update(
            user=officer,
            event=event,
            values={
                "starts_at": event.starts_at + timedelta(hours=1),
                "ends_at": event.ends_at + timedelta(hours=1),
            },
        )

    assert updated.sequence == 1
    assert len(mail.outbox) == 1
    assert "SEQUENCE:1" in mail.outbox[0].attachments[0][1]


def test_announcement_send_each_in_own_language(db, officer, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event, arrival=1, language="ru", email="ru@example.org")
    RegistrationFactory(event=event, arrival=2, language="zh-hans", email="zh@example.org")
    RegistrationFactory(
        event=event, arrival=3, language="en", email="en@example.org", status=RegistrationStatus.CANCELLED
    )

    with django_capture_on_commit_callbacks(execute=True):
        count = services.announcement_send(
            user=officer,
            event=event,
            messages={"ru": "Программа обновлена.", "zh-hans": "议程已更新。", "en": ""},
        )

    assert count == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Программа обновлена." in bodies["ru@example.org"]
    assert "议程已更新。" in bodies["zh@example.org"]


def test_event_duplicate_is_draft_copy_with_sessions(db, officer):
    from tests.factories.events import SessionFactory

    event = EventFactory(slug="haikou-moscow")
    SessionFactory(event=event)

    copy = services.event_duplicate(user=officer, event=event)

    assert (copy.slug, copy.status, copy.sessions.count()) == ("haikou-moscow-copy", EventStatus.DRAFT, 1)
    assert copy.uid != event.uid
    assert copy.title_ru == event.title_ru


def test_events_attended_by_lists_each_event_once(db):
    event = EventFactory()
    other = EventFactory()
    registration = RegistrationFactory(event=event, attended=True)
    RegistrationFactory(
        event=other,
        attended=False,
        person=registration.person,
        email="x@example.org",
        email_normalized="x@example.org",
    )

    assert list(selectors.events_attended_by(person_ids=[registration.person_id])) == [event]


def test_registration_create_links_directory_person(db):
    event = EventFactory()

    registration, _ = services.registration_create(event=event, data=_data("a@example.org", consent=True))

    person = Person.objects.get(pk=registration.person_id)
    assert (person.consent_to_contact, person.consent_source) == (True, f"event registration: {event.slug}")


# --- what a registration costs (pinned so that the benchmark's gain is kept) -------------------------------


#: A new person of a known organization: one read before the write transaction, then its writes (the person is
#: inserted without a look-up, in a savepoint; the e-mail's registration is looked up only if the insert collides;
#: the place is decided from the event's locked row, whose counter the same UPDATE raises).
#: The event's row lock and the writes under it: its place fields read (`SELECT … FOR UPDATE` on PostgreSQL), then
#: its arrival number, confirmed counter and page version, then the registration's status and arrival number.
_PLACE = ["SELECT events_event", "UPDATE events_event", "UPDATE events_registration"]


_NEW_REGISTRATION = [
    "SELECT directory_organization",  # the organization by name
    "SAVEPOINT",  # the write transaction (a savepoint inside the test's transaction)
    "SAVEPOINT",  # around the person's insert: a known e-mail rolls back only this
    "INSERT directory_person",
    "RELEASE",
    "INSERT directory_membership",
    "INSERT events_registration",  # without a place yet
    *_PLACE,  # the event's row lock, the place decided from the locked row
    "RELEASE",
]


def test_registration_create_new_person_known_organization_query_count(db, django_assert_num_queries):
    event = EventFactory(capacity=2)
    OrganizationFactory(name="ООО «Северный ветер»", name_ru="ООО «Северный ветер»")
    expected = list(_NEW_REGISTRATION)

    with django_assert_num_queries(len(expected)) as captured:
        registration, created = services.registration_create(event=event, data=_data("ivan@example.org"))

    assert statement_kinds(captured.captured_queries) == expected
    assert (created, registration.status, registration.arrival) == (True, RegistrationStatus.CONFIRMED, 1)


def test_registration_create_known_person_new_organization_query_count(db, django_assert_num_queries):
    event = EventFactory(capacity=2)
    PersonFactory(email="ivan@example.org", email_normalized="ivan@example.org")
    advisory = ["ADVISORY LOCK"] if connection.vendor == "postgresql" else []
    expected = [
        "SELECT directory_organization",  # not found before the transaction
        "SAVEPOINT",
        *advisory,
        "SELECT directory_organization",  # looked for again inside, then created
        "INSERT directory_organization",
        "SAVEPOINT",
        "INSERT directory_person",  # the e-mail is known: the insert collides
        "ROLLBACK",
        "RELEASE",
        "SELECT directory_person",  # the known person, locked
        "SELECT directory_membership",  # not a member yet: the membership is mailed for confirmation, not added
        "INSERT events_registration",
        *_PLACE,
        "RELEASE",
    ]

    with django_assert_num_queries(len(expected)) as captured:
        registration, _ = services.registration_create(event=event, data=_data("ivan@example.org"))

    assert statement_kinds(captured.captured_queries) == expected
    assert registration.organization.name_ru == "ООО «Северный ветер»"
    assert Membership.objects.filter(person__email_normalized="ivan@example.org").count() == 0


def test_registration_create_same_email_rolls_back_then_returns_existing(db, django_assert_num_queries):
    event = EventFactory(capacity=2)
    first, _ = services.registration_create(event=event, data=_data("ivan@example.org"))
    # The insert collides on the unique e-mail before the event's lock is taken: everything the transaction did
    # is rolled back (the person's consent and membership included), and the existing registration is looked up
    # and given back.
    expected = [
        "SELECT directory_organization",
        "SAVEPOINT",
        "SAVEPOINT",
        "INSERT directory_person",  # the e-mail is known: the insert collides
        "ROLLBACK",
        "RELEASE",
        "SELECT directory_person",
        "SELECT directory_membership",  # consent and membership: proposed by mail, not applied
        "INSERT events_registration",
        "ROLLBACK",
        "RELEASE",
        "SAVEPOINT",  # the second transaction: the e-mail's registration, locked, and the reminder to its address
        "SELECT events_registration",
        "SELECT events_event",  # still open? (otherwise the same refusal as for a new e-mail)
        "RELEASE",
    ]

    with django_assert_num_queries(len(expected)) as captured:
        again, created = services.registration_create(
            event=event, data=_data("Ivan@Example.org", consent=True)
        )

    assert statement_kinds(captured.captured_queries) == expected
    assert (created, again.pk, again.manage_token, again.arrival) == (False, first.pk, first.manage_token, 1)
    assert Event.objects.get(pk=event.pk).arrivals == 1
    assert Person.objects.get(email_normalized="ivan@example.org").consent_to_contact is False


def _reminders() -> list[tuple[list[str], str]]:
    return [
        (message.to, message.subject) for message in mail.outbox if "уже зарегистрированы" in message.subject
    ]


def test_registration_create_closed_event_refuses_known_email_too_and_mails_its_link(
    db, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    first, _ = services.registration_create(event=event, data=_data("ivan@example.org"))
    event.status = EventStatus.CLOSED
    event.save()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RegistrationClosedError) as known,
    ):
        services.registration_create(event=event, data=_data("ivan@example.org"))
    with pytest.raises(services.RegistrationClosedError) as new:
        services.registration_create(event=event, data=_data("anna@example.org"))

    assert (known.value.code, known.value.messages) == (new.value.code, new.value.messages)
    assert _reminders() == [(["ivan@example.org"], f"Вы уже зарегистрированы: {event.title_ru}")]
    assert first.manage_token in mail.outbox[-1].body


def test_registration_create_closed_since_the_first_look_refuses_known_email_too(
    db, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    services.registration_create(event=event, data=_data("ivan@example.org"))
    # The caller's copy says open; under the lock the event is closed.
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CLOSED)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.RegistrationClosedError):
        services.registration_create(event=event, data=_data("ivan@example.org"))
    with pytest.raises(services.RegistrationClosedError):
        services.registration_create(event=event, data=_data("anna@example.org"))

    assert _reminders() == [(["ivan@example.org"], f"Вы уже зарегистрированы: {event.title_ru}")]


def test_registration_create_cancelled_email_registers_again_at_the_end_of_the_line(db):
    event = EventFactory(capacity=1)
    first, _ = services.registration_create(event=event, data=_data("ivan@example.org"))
    services.registration_create(event=event, data=_data("anna@example.org"))
    services.registration_cancel_by_token(registration_id=first.pk, token=first.manage_token)

    again, created = services.registration_create(event=event, data=_data("ivan@example.org"))

    assert (created, again.pk, again.status, again.arrival) == (
        True,
        first.pk,
        RegistrationStatus.WAITLISTED,
        3,
    )
    assert again.manage_token == first.manage_token


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_registration_create_database_task_backend_queues_mail_inside_the_transaction(
    db, django_assert_num_queries
):
    event = EventFactory(capacity=2)
    OrganizationFactory(name="ООО «Северный ветер»", name_ru="ООО «Северный ветер»")
    expected = list(_NEW_REGISTRATION)
    # The mail's task right after the registration, before the event's lock.
    expected.insert(
        expected.index("INSERT events_registration") + 1, "INSERT django_tasks_database_dbtaskresult"
    )

    with django_assert_num_queries(len(expected)) as captured:
        registration, _ = services.registration_create(event=event, data=_data("ivan@example.org"))

    assert statement_kinds(captured.captured_queries) == expected
    task = DBTaskResult.objects.get()
    assert task.task_path == "investbridge.events.tasks.send_registration_mail_task"
    # Queued before the place was decided: sent as the mail of the status the registration has then.
    assert task.args_kwargs == {"args": [registration.pk, "registered", ""], "kwargs": {}}


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_registration_create_rolled_back_leaves_no_mail_task(db):
    event = EventFactory(capacity=2)

    def register_then_fail() -> None:
        with transaction.atomic():
            services.registration_create(event=event, data=_data("ivan@example.org"))
            raise RuntimeError("the caller's transaction fails after the registration")

    with pytest.raises(RuntimeError):
        register_then_fail()

    assert (Registration.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_registration_create_known_email_links_the_existing_person(db):
    person = PersonFactory(email="ivan@example.org", email_normalized="ivan@example.org")
    # The person's insert is tried first and collides on the directory's unique e-mail: only its savepoint is
    # rolled back, and the registration links the existing person.

    registration, created = services.registration_create(event=EventFactory(), data=_data("Ivan@Example.org"))

    assert (created, registration.person_id, registration.arrival) == (True, person.pk, 1)
    assert Person.objects.filter(email_normalized="ivan@example.org").count() == 1
    assert Registration.objects.count() == 1


def test_registration_create_closed_under_the_lock_refuses_every_email_alike(
    db, django_capture_on_commit_callbacks
):
    event = EventFactory(slug="closing", capacity=1)
    services.registration_create(event=event, data=_data("ivan@example.org"))
    # The caller's copy of the event says open; the row read under the lock says closed.
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CLOSED)

    with (
        translation.override("zh-hans"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RegistrationClosedError) as known,
    ):
        services.registration_create(event=event, data=_data("IVAN@example.org"))
    with translation.override("zh-hans"), pytest.raises(services.RegistrationClosedError) as error:
        services.registration_create(event=event, data=_data("anna@example.org"))

    assert (known.value.code, known.value.messages) == ("closed", ["本活动报名已截止。"])
    assert (error.value.code, error.value.messages) == ("closed", ["本活动报名已截止。"])
    assert _reminders() == [(["ivan@example.org"], f"Вы уже зарегистрированы: {event.title_ru}")]
    assert not Person.objects.filter(email_normalized="anna@example.org").exists()


# --- the place counter ---------------------------------------------------------------------------------------


def _confirmed_in_database(event: Event) -> tuple[int, int]:
    """(the event's counter, its confirmed registrations counted)."""
    return (
        Event.objects.get(pk=event.pk).confirmed_count,
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count(),
    )


def test_confirmed_count_follows_every_service_that_changes_places(db, officer):
    event = EventFactory(capacity=2)
    other = EventFactory(capacity=1)
    a, _ = services.registration_create(event=event, data=_data("a@example.org"))
    b, _ = services.registration_create(event=event, data=_data("b@example.org"))
    c, _ = services.registration_create(event=event, data=_data("c@example.org"))
    d, _ = services.registration_create(event=event, data=_data("d@example.org"))
    e, _ = services.registration_create(event=event, data=_data("e@example.org"))
    assert _confirmed_in_database(event) == (2, 2)
    steps = [
        # the registrant cancels a place: the first in line takes it
        lambda: services.registration_cancel_by_token(registration_id=a.pk, token=a.manage_token),
        # cancelling again changes nothing
        lambda: services.registration_cancel_by_token(registration_id=a.pk, token=a.manage_token),
        # an officer cancels a waiting registrant: no place changes hands
        lambda: services.registration_cancel(user=officer, registration=e),
        # a confirmed registrant moves to the other event: the next in line takes the place here
        lambda: services.registration_move(user=officer, registration=b, to_event=other),
        # more places: the waiting list moves up
        lambda: services.event_update(user=officer, event=event, values={"capacity": 4}),
        # fewer places: nobody loses theirs, and the counter still counts them
        lambda: services.event_update(user=officer, event=event, values={"capacity": 1}),
        # the registrant whose e-mail was cancelled registers again: waits (full)
        lambda: services.registration_create(event=event, data=_data("a@example.org")),
        lambda: services.registration_cancel(user=officer, registration=c),
        lambda: services.registration_cancel(user=officer, registration=d),
    ]
    for step in steps:
        step()
        for changed in (event, other):
            counter, counted = _confirmed_in_database(changed)
            assert counter == counted
    counter, counted = _confirmed_in_database(event)
    # c and d cancelled with capacity 1: a, registered again, took the place.
    assert (counter, counted) == (1, 1)
    assert Registration.objects.get(event=event, status=RegistrationStatus.CONFIRMED).email == "a@example.org"
    assert _confirmed_in_database(other) == (1, 1)


def test_confirmed_count_follows_approval_promotion_and_decline(db, officer):
    event = EventFactory(capacity=1, approval_mode=ApprovalMode.OFFICER)
    pending = [
        services.registration_create(event=event, data=_data(f"p{i}@example.org"))[0] for i in range(4)
    ]

    services.registration_approve(user=officer, registration=pending[0])  # confirmed
    services.registration_approve(user=officer, registration=pending[1])  # full: waitlisted
    services.registration_decline(user=officer, registration=pending[2])
    with pytest.raises(ValidationError):
        services.registration_promote(user=officer, registration=pending[3])  # full
    services.event_update(user=officer, event=event, values={"capacity": 3})  # pending[1] moves up
    services.registration_promote(user=officer, registration=pending[3])

    assert _confirmed_in_database(event) == (3, 3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in pending]
    assert statuses == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CONFIRMED,
    ]


def test_event_duplicate_starts_with_no_places_taken(db, officer):
    event = EventFactory(capacity=1)
    services.registration_create(event=event, data=_data("a@example.org"))

    copy = services.event_duplicate(user=officer, event=Event.objects.get(pk=event.pk))

    assert (copy.confirmed_count, copy.arrivals) == (0, 0)


def test_confirmed_count_migration_counts_existing_confirmed_registrations(db):
    event = EventFactory(capacity=5)
    for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        RegistrationFactory(event=event, status=status)
    Event.objects.filter(pk=event.pk).update(confirmed_count=0)  # as before the field existed
    migration = importlib.import_module("investbridge.events.migrations.0004_event_confirmed_count")

    migration.count_confirmed(django_apps, None)

    assert _confirmed_in_database(event) == (2, 2)


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (RegistrationStatus.CONFIRMED, "confirmed"),
        (RegistrationStatus.WAITLISTED, "waitlisted"),
        (RegistrationStatus.PENDING, "pending"),
    ],
)
def test_send_registration_mail_registered_is_the_mail_of_the_status_it_has_then(db, status, kind):
    registration = RegistrationFactory(event=EventFactory(), arrival=1, status=status, language="ru")

    emails.send_registration_mail(registration.pk, emails.REGISTERED)

    expected = emails.build_registration_mail(registration, kind)
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (expected.to, expected.subject, expected.body)
    ]


@pytest.mark.parametrize("status", [RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED])
def test_send_registration_mail_registered_then_cancelled_or_declined_sends_nothing(db, status):
    # The cancellation (or the officer's decline) sent its own mail; the registration's first one is dropped.
    registration = RegistrationFactory(event=EventFactory(), arrival=1, status=status)

    emails.send_registration_mail(registration.pk, emails.REGISTERED)

    assert mail.outbox == []


def test_registration_create_waitlisted_and_pending_are_mailed_as_such(
    db, django_capture_on_commit_callbacks
):
    full = EventFactory(capacity=1)
    services.registration_create(event=full, data=_data("ivan@example.org"))
    approved = EventFactory(approval_mode=ApprovalMode.OFFICER)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        waitlisted, _ = services.registration_create(event=full, data=_data("anna@example.org"))
        pending, _ = services.registration_create(event=approved, data=_data("oleg@example.org"))

    assert (waitlisted.status, pending.status) == (RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)
    assert [m.subject for m in mail.outbox] == [
        emails.build_registration_mail(waitlisted, "waitlisted").subject,
        emails.build_registration_mail(pending, "pending").subject,
    ]


@pytest.mark.parametrize(
    ("approval_mode", "capacity", "confirmed", "expected"),
    [
        (ApprovalMode.AUTOMATIC, 2, 0, RegistrationStatus.CONFIRMED),
        (ApprovalMode.AUTOMATIC, 2, 1, RegistrationStatus.CONFIRMED),
        (ApprovalMode.AUTOMATIC, 2, 2, RegistrationStatus.WAITLISTED),
        (ApprovalMode.AUTOMATIC, 1, 2, RegistrationStatus.WAITLISTED),  # capacity lowered below the confirmed
        (ApprovalMode.AUTOMATIC, 0, 0, RegistrationStatus.WAITLISTED),
        (ApprovalMode.OFFICER, 2, 0, RegistrationStatus.PENDING),
        (ApprovalMode.OFFICER, 2, 2, RegistrationStatus.PENDING),
    ],
)
def test_registration_create_place_under_the_lock_on_each_database(
    db, approval_mode, capacity, confirmed, expected
):
    event = EventFactory(capacity=capacity, approval_mode=approval_mode)
    for arrival in range(1, confirmed + 1):
        RegistrationFactory(event=event, arrival=arrival, status=RegistrationStatus.CONFIRMED)
    Event.objects.filter(pk=event.pk).update(confirmed_count=confirmed, arrivals=confirmed, version=7)

    registration, _ = services.registration_create(event=event, data=_data("ivan@example.org"))

    event.refresh_from_db()
    places = 1 if expected == RegistrationStatus.CONFIRMED else 0
    assert (registration.status, registration.arrival) == (expected, confirmed + 1)
    assert Registration.objects.filter(pk=registration.pk).values_list("status", "arrival").get() == (
        expected,
        confirmed + 1,
    )
    assert (event.arrivals, event.confirmed_count, event.version) == (confirmed + 1, confirmed + places, 8)


def test_registration_record_on_a_past_event_takes_the_place_rule_and_mails_nobody(
    officer, django_capture_on_commit_callbacks
):
    from tests.factories.events import Christmas2020EventFactory

    event = Christmas2020EventFactory(status=EventStatus.ARCHIVED, capacity=1)
    data = [
        services.RegistrationInput(full_name=name, email=email, organization_name="ООО «Тест»", country="RU")
        for name, email in (("Иванов Иван", "ivanov@example.ru"), ("Петров Пётр", "petrov@example.ru"))
    ]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = services.registration_record(user=officer, event=event, data=data[0])
        second = services.registration_record(user=officer, event=event, data=data[1])

    assert callbacks == []
    assert (first.status, first.arrival, second.status, second.arrival) == ("confirmed", 1, "waitlisted", 2)
    assert first.person.email == "ivanov@example.ru"
    assert first.organization.name_ru == "ООО «Тест»"
    event.refresh_from_db()
    assert (event.confirmed_count, event.arrivals) == (1, 2)
    with pytest.raises(ValidationError):
        services.registration_record(user=officer, event=event, data=data[0])


def test_registration_record_is_for_staff_only(db):
    from tests.factories.accounts import UserFactory
    from tests.factories.events import Christmas2020EventFactory

    data = services.RegistrationInput(full_name="Иванов Иван", email="ivanov@example.ru")
    with pytest.raises(PermissionDenied):
        services.registration_record(user=UserFactory(), event=Christmas2020EventFactory(), data=data)
    assert not Registration.objects.exists()
