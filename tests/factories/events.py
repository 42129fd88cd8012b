from datetime import UTC, datetime, timedelta

import factory
from django.db.models import F
from django.utils import timezone

from investbridge.events.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    VideoProviderKind,
    VideoRoom,
)
from tests.factories.directory import PersonFactory


def _future_start(_obj) -> datetime:
    return (timezone.now() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Event {n}")
    title_en = factory.SelfAttribute("title")
    title_ru = factory.Sequence(lambda n: f"Мероприятие {n}")
    title_zh_hans = factory.Sequence(lambda n: f"活动 {n}")
    host_city = "Haikou"
    host_city_en = "Haikou"
    host_city_ru = "Хайкоу"
    host_city_zh_hans = "海口"
    host_time_zone = "Asia/Shanghai"
    partner_city = "Moscow"
    partner_city_en = "Moscow"
    partner_city_ru = "Москва"
    partner_city_zh_hans = "莫斯科"
    partner_time_zone = "Europe/Moscow"
    starts_at = factory.LazyAttribute(_future_start)
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + timedelta(hours=2))
    capacity = 10
    status = EventStatus.PUBLISHED


class Christmas2020EventFactory(EventFactory):
    """15:00 Haikou = 10:00 Moscow on 24 December 2020."""

    starts_at = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)
    ends_at = datetime(2020, 12, 24, 9, 0, tzinfo=UTC)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    title_en = factory.SelfAttribute("title")
    starts_at = factory.LazyAttribute(lambda obj: obj.event.starts_at)
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + timedelta(minutes=30))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    full_name = factory.SelfAttribute("person.full_name")
    email = factory.SelfAttribute("person.email")
    email_normalized = factory.SelfAttribute("person.email")
    language = "ru"
    country = "RU"
    status = RegistrationStatus.CONFIRMED
    arrival = factory.Sequence(lambda n: n + 1)
    manage_token = factory.Sequence(lambda n: f"token-{n:08d}-abcdefghijklmnop")

    @factory.post_generation
    def count_place(self, create: bool, extracted, **kwargs) -> None:
        """A confirmed registration written directly holds a place: count it on the event as the services do
        (also on the caller's event object, so that a later `event.save()` keeps the count)."""
        if create and self.status == RegistrationStatus.CONFIRMED:
            Event.objects.filter(pk=self.event_id).update(confirmed_count=F("confirmed_count") + 1)
            self.event.confirmed_count += 1


class VideoRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoRoom

    event = factory.SubFactory(EventFactory)
    provider = VideoProviderKind.JITSI
    room_name = factory.Sequence(lambda n: f"investbridge-room-{n}")
    attendee_secret = "attendee-pw"
    moderator_secret = "moderator-pw"
