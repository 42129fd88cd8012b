from datetime import timedelta

import factory

from investbridge.matchmaking.models import Interpreter, MatchmakingSetup, Profile, Room, Slot
from tests.factories.events import EventFactory, RegistrationFactory


class SetupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchmakingSetup
        django_get_or_create = ("event",)

    event = factory.SubFactory(EventFactory)
    request_cap = 8
    expiry_hours = 72


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    registration = factory.SubFactory(RegistrationFactory)
    event = factory.SelfAttribute("registration.event")
    organization_name = factory.Sequence(lambda n: f"Company {n}")
    country = "RU"
    offers = factory.LazyFunction(lambda: ["investment"])
    seeks = factory.LazyFunction(lambda: ["distribution"])
    languages = factory.LazyFunction(lambda: ["ru"])
    time_zone = "Europe/Moscow"

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    url = factory.Sequence(lambda n: f"https://meet.example.org/room-{n}")


class InterpreterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpreter

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Interpreter {n}")
    languages = factory.LazyFunction(lambda: ["ru", "zh"])
