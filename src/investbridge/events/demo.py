"""Demo data of the events domain (idempotent, marked is_demo).

- The Haikou – Moscow videoconference of 24 December 2020, 15:00 in Haikou = 10:00 in Moscow, with about 70
  representatives of about 40 Russian organizations (the directory demo's people), attendance recorded.
- An upcoming Haikou – Saint Petersburg videoconference, open for registration, with a small capacity that is
  already full, so new registrants join its waiting list.
"""

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from django.db.models import QuerySet
from django.utils import timezone

from investbridge.directory import selectors as directory_selectors
from investbridge.events.models import (
    ApprovalMode,
    Event,
    EventFormat,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    VideoProviderKind,
    VideoRoom,
)

CONFERENCE_2020_SLUG = "haikou-moscow-2020"
UPCOMING_SLUG = "haikou-saint-petersburg-logistics"
#: 24 December 2020, 15:00 in Haikou (UTC+8) = 10:00 in Moscow (UTC+3) = 07:00 UTC.
CONFERENCE_2020_START = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)

CONFERENCE_2020 = {
    "title_ru": "Видеоконференция «Хайкоу – Москва»: инвестиционные возможности свободного порта Хайнань",
    "title_zh_hans": "“海口—莫斯科”视频会议：海南自由贸易港投资机遇",
    "title_en": "Haikou – Moscow videoconference: investment opportunities in the Hainan Free Trade Port",
    "summary_ru": "Офис содействия инвестициям Хайкоу представляет российским компаниям режим свободного порта, "
    "налоговые льготы и отрасли города.",
    "summary_zh_hans": "海口市投资促进机构向俄罗斯企业介绍自由贸易港政策、税收优惠和重点产业。",
    "summary_en": "The Haikou investment promotion office presents the free trade port regime, tax incentives "
    "and the city's industries to Russian companies.",
    "description_ru": "Программа: приветствие, презентация режима свободного порта Хайнань, отрасли Хайкоу "
    "(логистика, туризм, цифровая экономика, медицина), вопросы и ответы с последовательным переводом "
    "русский ↔ китайский, обмен контактами для деловых встреч.",
    "description_zh_hans": "议程：致辞、海南自由贸易港政策介绍、海口重点产业（物流、旅游、数字经济、医疗健康）、"
    "俄汉交替传译问答环节、商务对接联系方式交换。",
    "description_en": "Agenda: welcome, the Hainan Free Trade Port regime, Haikou's industries (logistics, "
    "tourism, digital economy, healthcare), questions and answers with consecutive Russian ↔ Chinese "
    "interpretation, and an exchange of contacts for business meetings.",
    "host_city_ru": "Хайкоу",
    "host_city_zh_hans": "海口",
    "host_city_en": "Haikou",
    "partner_city_ru": "Москва",
    "partner_city_zh_hans": "莫斯科",
    "partner_city_en": "Moscow",
}

UPCOMING = {
    "title_ru": "Видеоконференция «Хайкоу – Санкт-Петербург»: морская логистика и порт Янпу",
    "title_zh_hans": "“海口—圣彼得堡”视频会议：海运物流与洋浦港",
    "title_en": "Haikou – Saint Petersburg videoconference: maritime logistics and Yangpu port",
    "summary_ru": "Маршруты между Балтикой и Южно-Китайским морем, таможенные процедуры свободного порта и "
    "складская инфраструктура Хайкоу.",
    "summary_zh_hans": "波罗的海与南海之间的航线、自由贸易港海关程序以及海口仓储基础设施。",
    "summary_en": "Routes between the Baltic and the South China Sea, free trade port customs procedures and "
    "Haikou's warehousing.",
    "host_city_ru": "Хайкоу",
    "host_city_zh_hans": "海口",
    "host_city_en": "Haikou",
    "partner_city_ru": "Санкт-Петербург",
    "partner_city_zh_hans": "圣彼得堡",
    "partner_city_en": "Saint Petersburg",
}

SESSIONS_2020 = [
    (0, 15, "Приветственное слово", "致辞", "Welcome address", ["zh", "ru"], ["ru-zh"]),
    (15, 45, "Свободный порт Хайнань: режим, льготы, процедуры", "海南自由贸易港：政策、优惠与流程",
     "The Hainan Free Trade Port: regime, incentives, procedures", ["zh"], ["ru-zh"]),
    (45, 75, "Отрасли Хайкоу: логистика, туризм, цифровая экономика, медицина", "海口重点产业：物流、旅游、数字经济、医疗健康",
     "Haikou's industries: logistics, tourism, digital economy, healthcare", ["zh"], ["ru-zh"]),
    (75, 120, "Вопросы и ответы", "问答环节", "Questions and answers", ["ru", "zh"], ["ru-zh"]),
    (120, 150, "Обмен контактами для деловых встреч", "商务对接", "Contacts for business meetings", ["ru", "zh", "en"], ["ru-zh", "ru-en"]),
]  # fmt: skip

SESSIONS_UPCOMING = [
    (0, 40, "Маршруты Балтика – Хайнань", "波罗的海—海南航线", "Baltic – Hainan routes", ["ru", "zh"], ["ru-zh"]),
    (40, 90, "Таможня свободного порта и склады Хайкоу: вопросы и ответы", "自由贸易港海关与海口仓储：问答",
     "Free trade port customs and Haikou warehouses: Q&A", ["ru", "zh"], ["ru-zh"]),
]  # fmt: skip

#: About 70 representatives registered, of whom about 85 % attended.
TARGET_REGISTRANTS = 70
UPCOMING_CAPACITY = 8
UPCOMING_REGISTRANTS = 11


def _directory_people(country: str) -> QuerySet[Any]:
    """The directory demo's people of a country (with their memberships and organizations)."""
    return directory_selectors.person_list(country=country, is_demo=True)


def _primary_membership(person: Any) -> Any:
    memberships = sorted(person.memberships.all(), key=lambda m: (not m.is_primary, m.pk))
    return memberships[0] if memberships else None


def _event(slug: str, defaults: dict[str, Any]) -> tuple[Event, bool]:
    event = Event.objects.filter(slug=slug).first()
    if event is not None:
        return event, False
    # The untranslated fields as keywords, like the sessions below: assigning `event.title` after construction
    # writes the active language's column (title_ru during `investbridge demo`) and put Chinese on Russian pages.
    event = Event(
        slug=slug,
        is_demo=True,
        title=defaults["title_zh_hans"],
        host_city=defaults["host_city_zh_hans"],
        partner_city=defaults["partner_city_zh_hans"],
        **defaults,
    )
    event.save()
    return event, True


def _sessions(event: Event, rows: list[tuple[Any, ...]], speakers: list[Any]) -> None:
    if Session.objects.filter(event=event).exists():
        return
    for index, (start, end, ru, zh, en, languages, interpretation) in enumerate(rows):
        session = Session.objects.create(
            event=event,
            title=zh,
            title_ru=ru,
            title_zh_hans=zh,
            title_en=en,
            starts_at=event.starts_at + timedelta(minutes=start),
            ends_at=event.starts_at + timedelta(minutes=end),
            languages=languages,
            interpretation=interpretation,
        )
        if speakers:
            session.speakers.set([speakers[index % len(speakers)]])


def _register(event: Event, person: Any, *, status: str, attended_at: datetime | None) -> bool:
    membership = _primary_membership(person)
    organization = membership.organization if membership else None
    if Registration.objects.filter(event=event, email_normalized=person.email_normalized).exists():
        return False
    event.arrivals += 1
    values = {"arrivals": event.arrivals}
    if status == RegistrationStatus.CONFIRMED:
        # The place counter the registration services keep (`Event.confirmed_count`).
        event.confirmed_count += 1
        values["confirmed_count"] = event.confirmed_count
    Event.objects.filter(pk=event.pk).update(**values)
    registration = Registration.objects.create(
        event=event,
        person=person,
        organization=organization,
        full_name=person.full_name,
        name_latin=person.name_latin,
        email=person.email,
        email_normalized=person.email_normalized,
        organization_name=(organization.name_ru or organization.name) if organization else "",
        position=membership.position if membership else "",
        country=person.country,
        language=person.preferred_language or "ru",
        time_zone="Europe/Moscow",
        consent_to_contact=person.consent_to_contact,
        status=status,
        arrival=event.arrivals,
        manage_token=secrets.token_urlsafe(32),
        attended=attended_at is not None,
        attended_at=attended_at,
        is_demo=True,
    )
    if organization is not None:
        registration.sectors.set(list(organization.sectors.all()))
    return True


def load(*, stdout: TextIO) -> None:
    russians = list(_directory_people("RU"))
    chinese = list(_directory_people("CN"))
    organizer = None
    for person in chinese:
        membership = _primary_membership(person)
        if membership is not None:
            organizer = membership.organization
            break

    conference, created_2020 = _event(
        CONFERENCE_2020_SLUG,
        {
            **CONFERENCE_2020,
            "format": EventFormat.ONLINE,
            "host_time_zone": "Asia/Shanghai",
            "partner_time_zone": "Europe/Moscow",
            "starts_at": CONFERENCE_2020_START,
            "ends_at": CONFERENCE_2020_START + timedelta(minutes=150),
            "capacity": 100,
            "registration_opens_at": datetime(2020, 12, 1, 0, 0, tzinfo=UTC),
            "registration_closes_at": datetime(2020, 12, 24, 6, 0, tzinfo=UTC),
            "status": EventStatus.ARCHIVED,
            "organizer": organizer,
        },
    )
    VideoRoom.objects.get_or_create(
        event=conference,
        defaults={
            "provider": VideoProviderKind.EXTERNAL,
            "room_name": "haikou-moscow-2020",
            "external_url": "https://voov.example.com/j/20201224",
        },
    )
    _sessions(conference, SESSIONS_2020, chinese[:3])
    new_2020 = 0
    for index, person in enumerate(russians[:TARGET_REGISTRANTS]):
        # About one in seven registrants did not join; the rest joined within the first minutes.
        attended_at = None if index % 7 == 3 else CONFERENCE_2020_START + timedelta(minutes=index % 9)
        new_2020 += _register(
            conference, person, status=RegistrationStatus.CONFIRMED, attended_at=attended_at
        )

    start = (
        (timezone.now() + timedelta(days=21))
        .astimezone(UTC)
        .replace(hour=7, minute=0, second=0, microsecond=0)
    )
    upcoming, created_upcoming = _event(
        UPCOMING_SLUG,
        {
            **UPCOMING,
            "format": EventFormat.ONLINE,
            "host_time_zone": "Asia/Shanghai",
            "partner_time_zone": "Europe/Moscow",
            "starts_at": start,
            "ends_at": start + timedelta(minutes=90),
            "capacity": UPCOMING_CAPACITY,
            "status": EventStatus.PUBLISHED,
            "approval_mode": ApprovalMode.AUTOMATIC,
            "organizer": organizer,
        },
    )
    VideoRoom.objects.get_or_create(
        event=upcoming,
        defaults={
            "provider": VideoProviderKind.JITSI,
            "room_name": f"investbridge-{UPCOMING_SLUG}",
            "attendee_secret": secrets.token_urlsafe(12),
            "moderator_secret": secrets.token_urlsafe(12),
        },
    )
    _sessions(upcoming, SESSIONS_UPCOMING, chinese[:2])
    # Those who came in 2020 register first; the last ones arrive after the places are taken.
    for index, person in enumerate(russians[-UPCOMING_REGISTRANTS:]):
        status = RegistrationStatus.CONFIRMED if index < UPCOMING_CAPACITY else RegistrationStatus.WAITLISTED
        _register(upcoming, person, status=status, attended_at=None)

    registrations = Registration.objects.filter(event=conference)
    organizations = registrations.exclude(organization=None).values("organization").distinct().count()
    if not russians:
        stdout.write("Events: no Russian demo people in the directory yet; the events have no registrants.\n")
    stdout.write(
        f"Events: Haikou – Moscow 2020 {'created' if created_2020 else 'kept'} with {registrations.count()} "
        f"registrants of {organizations} organizations ({new_2020} new), "
        f"{registrations.filter(attended=True).count()} attended; upcoming event "
        f"{'created' if created_upcoming else 'kept'} (capacity {upcoming.capacity}).\n"
    )
