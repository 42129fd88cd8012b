"""Every public door that makes the platform send mail is limited per client address (429, translated, with
Retry-After; a forged X-Forwarded-For does not help) and per recipient (over the cap no more mail goes to that
address, and the answer is the same as when it went)."""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from investbridge.core import limits
from tests.factories.accounts import UserFactory
from tests.factories.directory import PersonFactory
from tests.factories.events import EventFactory
from tests.factories.region import KeyFigureFactory

pytestmark = pytest.mark.integration

VICTIM = "victim@example.org"


@dataclass(frozen=True)
class Door:
    name: str
    rate_setting: str
    api: bool
    ok_status: int
    url: Callable[[dict[str, Any]], str]
    payload: Callable[[str], dict[str, Any]]
    location: str = ""  # web: where a success redirects (its beginning)


def _interest_form(email):
    return {
        "submission_key": str(uuid.uuid4()),
        "name": "Ольга Петрова",
        "email": email,
        "country": "RU",
        "language": "ru",
        "sectors": ["H"],
        "consent": "on",
    }


def _interest_api(email):
    return {"name": "Ivan Petrov", "email": email, "country": "RU", "language": "ru", "consent": True}


def _inquiry(email):
    return {
        "company_name": "ООО «Северный ветер»",
        "contact_name": "Анна Смирнова",
        "email": email,
        "country": "RU",
        "sectors": ["C"],
        "cooperation_kind": "investment",
        "investment_range": "1m_10m",
        "message": "Хотим открыть производство в Хайкоу.",
        "language": "ru",
        "consent": "on",
    }


def _registration_form(email):
    return {
        "full_name": "Анна Смирнова",
        "name_latin": "Anna Smirnova",
        "email": email,
        "organization_name": "АО «Уральские машины»",
        "country": "RU",
        "language": "ru",
        "consent": "on",
    }


def _registration_api(email):
    return {"name": "Ольга Кузнецова", "email": email, "organization": "ПАО «Волга»", "country": "RU"}


DOORS = [
    Door(
        "region-web",
        "REGION_INTEREST_RATE",
        False,
        302,
        lambda o: "/en/region/interest/",
        _interest_form,
        "/en/region/interest/thanks/",
    ),
    Door("region-api", "REGION_INTEREST_RATE", True, 201, lambda o: "/api/v1/region/interest", _interest_api),
    Door(
        "inquiry-web",
        "PIPELINE_INQUIRY_RATE",
        False,
        302,
        lambda o: "/en/pipeline/inquiry/",
        _inquiry,
        "/en/pipeline/inquiry/thanks/",
    ),
    Door(
        "inquiry-api",
        "PIPELINE_INQUIRY_RATE",
        True,
        201,
        lambda o: "/api/v1/inquiries",
        lambda email: {**_inquiry(email), "consent": True},
    ),
    Door(
        "registration-web",
        "EVENTS_REGISTRATION_RATE",
        False,
        302,
        lambda o: f"/en/events/{o['event'].slug}/register/",
        _registration_form,
        "/en/events/",
    ),
    Door(
        "registration-api",
        "EVENTS_REGISTRATION_RATE",
        True,
        202,
        lambda o: f"/api/v1/events/{o['event'].slug}/registrations",
        _registration_api,
    ),
    Door(
        "password-reset",
        "PASSWORD_RESET_RATE",
        False,
        302,
        lambda o: "/en/accounts/password-reset/",
        lambda email: {"email": email},
        "/en/accounts/password-reset/sent/",
    ),
]


@pytest.fixture
def objects(db):
    KeyFigureFactory()  # the region profile
    UserFactory(email=VICTIM, language="en")
    return {"event": EventFactory(capacity=50)}


def _post(client, door, objects, email, **extra):
    url = door.url(objects)
    if door.api:
        return client.post(url, json.dumps(door.payload(email)), content_type="application/json", **extra)
    return client.post(url, door.payload(email), **extra)


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.name)
def test_mail_door_over_the_rate_per_address_gets_429_even_with_a_forged_forwarded_for(
    door, objects, settings, django_capture_on_commit_callbacks
):
    setattr(settings, door.rate_setting, "2/hour")
    settings.MAIL_RECIPIENT_RATE = "100/hour"
    client = Client(REMOTE_ADDR="192.0.2.10", HTTP_ACCEPT_LANGUAGE="ru")

    with django_capture_on_commit_callbacks(execute=True):
        allowed = [_post(client, door, objects, f"person{n}@example.org").status_code for n in range(2)]
        refused = _post(client, door, objects, "person3@example.org")
        forged = _post(client, door, objects, "person4@example.org", HTTP_X_FORWARDED_FOR="203.0.113.77")
    other_address = Client(REMOTE_ADDR="192.0.2.11")
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere = _post(other_address, door, objects, "person5@example.org")

    assert allowed == [door.ok_status, door.ok_status]
    assert (refused.status_code, forged.status_code, elsewhere.status_code) == (429, 429, door.ok_status)
    assert 3500 <= int(refused["Retry-After"]) <= 3600
    if door.api:
        error = refused.json()["error"]
        assert error["code"] == "throttled"
        assert error["message"].startswith("Слишком много запросов с вашего адреса. Повторите через ")
    else:
        page = refused.content.decode()
        # The page's language is the address's (/en/), the form is shown again with the message.
        assert "Too many requests from your address. Please try again in 60 minutes." in page
        assert "<form" in page


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.name)
def test_mail_door_over_the_cap_per_recipient_sends_nothing_and_answers_the_same(
    door, objects, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_RECIPIENT_RATE = "2/hour"
    setattr(settings, door.rate_setting, "100/hour")
    events = [objects["event"], EventFactory(capacity=50), EventFactory(capacity=50)]
    responses = []
    mails_to_victim = []

    for number, event in enumerate(events):
        # Each time a fresh client and address: only the recipient is the same (and, for events, a new event).
        client = Client(REMOTE_ADDR=f"192.0.2.{20 + number}")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(_post(client, door, {"event": event}, VICTIM))
        mails_to_victim.append(sum(VICTIM in message.to for message in mail.outbox))

    assert mails_to_victim == [1, 1, 0]
    assert [response.status_code for response in responses] == [door.ok_status] * 3
    if door.api:
        assert responses[2].json().keys() == responses[1].json().keys()
    else:
        assert all(response["Location"].startswith(door.location) for response in responses)


@pytest.mark.parametrize(
    "door",
    [door for door in DOORS if door.name.startswith(("inquiry", "registration"))],
    ids=lambda door: door.name,
)
def test_mail_door_over_the_cap_holds_back_the_directory_confirmation_link_too(
    door, objects, settings, django_capture_on_commit_callbacks
):
    # A known person who has not consented: a public submission would mail them a link to confirm the consent.
    PersonFactory(email=VICTIM, consent_to_contact=False)
    settings.MAIL_RECIPIENT_RATE = "1/hour"
    assert limits.recipient_allowed(VICTIM) is True  # the cap is used up by an earlier mail
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(Client(REMOTE_ADDR="192.0.2.30"), door, objects, VICTIM)

    assert response.status_code == door.ok_status
    assert [message.subject for message in mail.outbox if VICTIM in message.to] == []
