from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from investbridge.events.calendar import public_calendar, registration_calendar
from investbridge.events.models import RegistrationStatus
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory

pytestmark = pytest.mark.integration


def _vevent(body: bytes):
    calendar = Calendar.from_ical(body)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def test_public_calendar_is_rfc5545_with_utc_times_and_stable_uid(db):
    event = Christmas2020EventFactory()

    first_calendar, first = _vevent(public_calendar(event, language="ru"))
    _calendar, second = _vevent(public_calendar(event, language="en"))

    assert str(first_calendar["METHOD"]) == "PUBLISH"
    assert str(first["UID"]) == str(second["UID"]) == f"{event.uid}@127.0.0.1"
    assert first.decoded("DTSTART") == datetime(2020, 12, 24, 7, 0, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2020, 12, 24, 9, 0, tzinfo=UTC)
    assert int(first["SEQUENCE"]) == 0
    assert str(first["SUMMARY"]) == event.title_ru
    assert str(first["DESCRIPTION"]).startswith("10:00–12:00 Москва · 15:00–17:00 Хайкоу")


def test_registration_calendar_sequence_adds_event_and_registration_changes(db):
    event = Christmas2020EventFactory(sequence=2)
    registration = RegistrationFactory(event=event, sequence=1, language="zh-hans")

    calendar, vevent = _vevent(registration_calendar(registration, join_url="https://meet.example.org/r"))

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(vevent["UID"]) == f"{event.uid}-{registration.pk}@127.0.0.1"
    assert int(vevent["SEQUENCE"]) == 3
    assert str(vevent["X-INVESTBRIDGE-JOIN-URL"]) == "https://meet.example.org/r"
    assert str(vevent["DESCRIPTION"]).startswith("莫斯科 10:00–12:00 · 海口 15:00–17:00")


def test_registration_calendar_cancelled_is_method_cancel_without_link(db):
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    calendar, vevent = _vevent(registration_calendar(registration, join_url="https://meet.example.org/r"))

    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "meet.example.org" not in vevent.to_ical().decode()


@pytest.mark.parametrize(
    ("status", "partstat", "vevent_status"),
    [
        (RegistrationStatus.CONFIRMED, "ACCEPTED", "CONFIRMED"),
        (RegistrationStatus.WAITLISTED, "TENTATIVE", "TENTATIVE"),
        (RegistrationStatus.PENDING, "NEEDS-ACTION", "TENTATIVE"),
        (RegistrationStatus.DECLINED, "DECLINED", "CANCELLED"),
    ],
)
def test_registration_calendar_partstat_and_status_follow_registration_status(
    db, status, partstat, vevent_status
):
    registration = RegistrationFactory(status=status)

    _calendar, vevent = _vevent(registration_calendar(registration))

    attendee = vevent["ATTENDEE"]
    assert str(attendee) == f"mailto:{registration.email}"
    assert str(attendee.params["PARTSTAT"]) == partstat
    assert str(vevent["STATUS"]) == vevent_status


def test_registration_calendar_url_is_event_page_on_configured_site(db, settings):
    settings.SITE_URL = "http://192.0.2.10:8123"
    registration = RegistrationFactory(language="zh-hans")

    _calendar, vevent = _vevent(registration_calendar(registration))

    assert str(vevent["URL"]) == f"http://192.0.2.10:8123/zh-hans/events/{registration.event.slug}/"
