import io

import pytest

from investbridge.directory.models import Sector
from investbridge.events.models import Event
from investbridge.matchmaking import agenda, demo, engine, names, scheduler, selectors
from investbridge.matchmaking.models import Meeting, MeetingRequest, Profile
from tests.factories.accounts import OfficerFactory
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def directory_demo(db):
    for code in "ACDFGHIJKLMNOPQR":
        Sector.objects.get_or_create(code=code)
    OfficerFactory(email="officer@investbridge.demo")
    organizations = [
        OrganizationFactory(is_demo=True, country="RU", sectors=[Sector.objects.get(code="C")])
        for _ in range(20)
    ]
    for index in range(40):
        person = PersonFactory(is_demo=True, country="RU")
        MembershipFactory(person=person, organization=organizations[index % 20], position="Директор")


def _snapshot():
    return (
        sorted(Profile.objects.values_list("registration__email_normalized", "offers", "seeks", "languages")),
        sorted(MeetingRequest.objects.values_list("pair_low", "pair_high", "status")),
        sorted(Meeting.objects.values_list("uid", "published_slot", "published_room", "sequence")),
    )


def test_demo_is_idempotent_with_every_request_state_and_a_valid_published_schedule(directory_demo):
    out = io.StringIO()
    demo.load(stdout=out)
    first = _snapshot()
    demo.load(stdout=io.StringIO())
    assert _snapshot() == first

    event = Event.objects.get(slug=demo.SLUG)
    assert (event.title_ru, event.partner_city_ru, event.partner_city_zh_hans) == (
        "День деловых встреч B2B «Хайкоу – Москва»",
        "Москва",
        "莫斯科",
    )
    profiles = list(selectors.profiles(event=event))
    assert len(profiles) == 60
    assert {p.country for p in profiles} == {"RU", "CN"}
    # A Russian reader sees each Hainan company and its contact in Cyrillic (Palladius, the demo stores no Russian
    # name for them), with the original.
    food = next(p for p in profiles if p.organization_name == "海南椰岛食品有限公司")
    assert names.organization_name(food, "ru") == "Хайнань Е Дао Шипинь Юсянь Гунсы (海南椰岛食品有限公司)"
    assert names.person_name(food, "ru") == "Чэнь Минь (陈敏)"
    # Colleagues of one organization are never suggested to each other; every participant gets suggestions.
    organization_of = {p.pk: p.registration.organization_id for p in profiles}
    assert len(set(organization_of.values())) < len(profiles)  # the demo has colleagues to leave out
    for profile in profiles:
        suggested = [item.profile.pk for item in selectors.recommendations(profile=profile)]
        assert suggested
        assert all(organization_of[pk] != organization_of[profile.pk] for pk in suggested)
    counts = selectors.request_counts(event=event)
    assert all(counts[status] > 0 for status in ("pending", "accepted", "declined", "expired", "cancelled"))
    assert MeetingRequest.objects.filter(event=event, must_have=True).count() == 3
    assert selectors.is_published(event=event)
    assert selectors.interpreters(event=event).count() == 4
    # The saved schedule passes the engine's independent checker.
    built = engine.build_instance(event=event)
    numbers = {room.pk: k + 1 for k, room in enumerate(built.rooms)}
    assignments = [
        scheduler.Assignment(
            meeting=m.pk, slot=m.slot_id, room=numbers[m.room_id], interpreter=m.interpreter_id
        )
        for m in Meeting.objects.filter(event=event).exclude(slot=None)
    ]
    assert len(assignments) > 30
    assert scheduler.check_schedule(built.instance, assignments).ok
    assert Meeting.objects.filter(event=event, locked=True).count() == 2
    some = next(p for p in profiles if selectors.published_meetings(event=event, profile=p).exists())
    assert agenda.agenda_for(some, language="ru") != []
