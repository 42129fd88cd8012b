"""A small matchmaking event: three Russian and two Chinese participants, slots, rooms and an interpreter."""

from datetime import UTC, datetime, timedelta

import pytest

from investbridge.directory.models import Sector
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.matchmaking import (
    InterpreterFactory,
    ProfileFactory,
    RoomFactory,
    SetupFactory,
    SlotFactory,
)

#: 06:00 UTC = 09:00 Moscow = 14:00 Haikou.
DAY = datetime(2030, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture
def event(db):
    event = EventFactory(slug="b2b-day", starts_at=DAY, ends_at=DAY + timedelta(hours=4), capacity=100)
    SetupFactory(event=event, request_cap=3)
    return event


@pytest.fixture
def sectors(db):
    for code in "ACGK":
        Sector.objects.get_or_create(code=code)
    return {code: Sector.objects.get(code=code) for code in "ACGK"}


@pytest.fixture
def people(event, sectors, company_user):
    """ru1 is the company_user's registration (same e-mail)."""
    ru1 = ProfileFactory(
        registration=RegistrationFactory(
            event=event, email=company_user.email, email_normalized=company_user.email
        ),
        organization_name="Uralmash Trade",
        offers=["technology"],
        seeks=["investment", "distribution"],
        languages=["ru"],
        sectors=[sectors["C"]],
        countries=["CN"],
    )
    ru2 = ProfileFactory(
        event=event,
        registration__event=event,
        organization_name="Volga Agro",
        offers=["supply"],
        seeks=["distribution"],
        languages=["ru", "en"],
        sectors=[sectors["A"]],
    )
    ru3 = ProfileFactory(
        registration__event=event,
        organization_name="Siberian Timber",
        offers=["supply"],
        seeks=["financing"],
        languages=["ru"],
        sectors=[sectors["A"]],
    )
    cn1 = ProfileFactory(
        registration__event=event,
        registration__language="zh-hans",
        registration__country="CN",
        organization_name="海南贸易集团",
        country="CN",
        offers=["investment", "distribution"],
        seeks=["technology"],
        languages=["zh"],
        time_zone="Asia/Shanghai",
        sectors=[sectors["C"]],
        countries=["RU"],
    )
    cn2 = ProfileFactory(
        registration__event=event,
        registration__language="zh-hans",
        registration__country="CN",
        organization_name="海口银行",
        country="CN",
        offers=["financing"],
        seeks=["supply"],
        languages=["zh", "en"],
        time_zone="Asia/Shanghai",
        sectors=[sectors["K"]],
    )
    return {"ru1": ru1, "ru2": ru2, "ru3": ru3, "cn1": cn1, "cn2": cn2}


@pytest.fixture
def resources(event):
    slots = [
        SlotFactory(
            event=event,
            starts_at=DAY + timedelta(minutes=20 * k),
            ends_at=DAY + timedelta(minutes=20 * (k + 1)),
        )
        for k in range(6)
    ]
    rooms = [RoomFactory(event=event), RoomFactory(event=event)]
    interpreter = InterpreterFactory(event=event, name="Li Na", languages=["ru", "zh"])
    return {"slots": slots, "rooms": rooms, "interpreter": interpreter}
