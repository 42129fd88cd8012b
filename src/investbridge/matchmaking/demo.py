"""Demo data of the matchmaking domain (idempotent, marked is_demo).

A B2B meetings day "Haikou – Moscow" four weeks ahead, created through the events services, with 60 participants
registered through the events services: 36 representatives of the directory demo's Russian organizations and
24 Hainan companies. Every participant has a profile (offers, seeks, sectors, languages, time zone; the slots
outside its own working hours are marked unavailable); participants request meetings from their top
recommendations, and the requests end in every state (accepted, declined, pending, expired, withdrawn), plus
must-have meetings set by the officer. Eight virtual rooms, four interpreters, and a schedule computed by the
engine (a short time limit), with two meetings locked, then published.

The events demo's own upcoming event keeps its small capacity and waiting list, so the B2B day is its own event.
"""

import random
import zoneinfo
from datetime import UTC, time, timedelta
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from investbridge.core.roles import Role
from investbridge.directory import selectors as directory_selectors
from investbridge.directory import services as directory_services
from investbridge.directory.models import OrganizationKind
from investbridge.events import services as event_services
from investbridge.events.models import Event, EventStatus
from investbridge.matchmaking import selectors, services
from investbridge.matchmaking.models import Kind, MeetingRequest, Profile, RequestStatus, ScheduleRun

SLUG = "haikou-moscow-b2b-day"
PARTICIPANTS = 60
RUSSIANS = 36
TIME_LIMIT = 3.0

EVENT = {
    "title_ru": "День деловых встреч B2B «Хайкоу – Москва»",
    "title_zh_hans": "“海口—莫斯科”B2B商务对接日",
    "title_en": "Haikou – Moscow B2B meetings day",
    "summary_ru": "Личные онлайн-встречи российских компаний с компаниями, банками и ведомствами Хайкоу; "
    "расписание составляет InvestBridge с учётом часовых поясов и переводчиков.",
    "summary_zh_hans": "俄罗斯企业与海口企业、银行和机构的一对一线上会谈；InvestBridge 根据时区和翻译资源排定日程。",
    "summary_en": "One-to-one online meetings of Russian companies with Haikou's companies, banks and agencies, "
    "scheduled by InvestBridge across time zones and interpreters.",
    "host_city_ru": "Хайкоу",
    "host_city_zh_hans": "海口",
    "host_city_en": "Haikou",
    "partner_city_ru": "Москва",
    "partner_city_zh_hans": "莫斯科",
    "partner_city_en": "Moscow",
}

#: Hainan participants: (name, name in Latin letters, e-mail user, company in Chinese, sectors, offers, seeks).
CHINESE = [
    ("李伟", "Li Wei", "li.wei", "海南洋浦港航物流有限公司", ["H"], ["distribution", "representation"], ["supply"]),
    ("王静", "Wang Jing", "wang.jing", "海口热带农业科技有限公司", ["A"], ["technology"], ["supply", "investment"]),
    ("张磊", "Zhang Lei", "zhang.lei", "海南自贸港数字科技有限公司", ["J"], ["technology", "joint_venture"], ["investment"]),
    ("刘洋", "Liu Yang", "liu.yang", "海口美兰跨境电商有限公司", ["G"], ["distribution"], ["supply"]),
    ("陈敏", "Chen Min", "chen.min", "海南椰岛食品有限公司", ["C"], ["supply"], ["distribution"]),
    ("杨帆", "Yang Fan", "yang.fan", "海口江东新区开发投资有限公司", ["L"], ["investment", "financing"], ["joint_venture"]),
    ("赵丽", "Zhao Li", "zhao.li", "海南国际医疗旅游有限公司", ["Q"], ["representation"], ["technology", "investment"]),
    ("黄志强", "Huang Zhiqiang", "huang.zhiqiang", "海口农商银行国际业务部", ["K"], ["financing"], ["investment"]),
    ("周婷", "Zhou Ting", "zhou.ting", "海南免税商品贸易有限公司", ["G"], ["distribution"], ["supply"]),
    ("吴刚", "Wu Gang", "wu.gang", "海口新能源汽车零部件有限公司", ["C"], ["supply", "joint_venture"], ["technology"]),
    ("徐丹", "Xu Dan", "xu.dan", "海南南繁种业科技有限公司", ["A", "M"], ["technology"], ["distribution"]),
    ("孙浩", "Sun Hao", "sun.hao", "海口综合保税区仓储有限公司", ["H"], ["supply"], ["representation"]),
    ("马云峰", "Ma Yunfeng", "ma.yunfeng", "海南海洋渔业集团有限公司", ["A"], ["supply"], ["distribution", "financing"]),
    ("朱琳", "Zhu Lin", "zhu.lin", "海口旅游文化投资集团", ["R", "I"], ["investment"], ["joint_venture"]),
    ("胡军", "Hu Jun", "hu.jun", "海南橡胶工业有限公司", ["C"], ["supply"], ["technology"]),
    ("郭燕", "Guo Yan", "guo.yan", "海口生物医药产业园", ["C", "M"], ["joint_venture"], ["technology", "investment"]),
    ("何平", "He Ping", "he.ping", "海南国际航运交易所", ["H", "N"], ["representation"], ["distribution"]),
    ("高翔", "Gao Xiang", "gao.xiang", "海口智慧能源有限公司", ["D"], ["technology"], ["financing"]),
    ("林芳", "Lin Fang", "lin.fang", "海南自贸港国际法律服务中心", ["M"], ["representation"], ["representation"]),
    ("罗斌", "Luo Bin", "luo.bin", "海口建设工程集团", ["F"], ["joint_venture"], ["supply", "technology"]),
    ("梁晓", "Liang Xiao", "liang.xiao", "海南跨境支付服务有限公司", ["K", "J"], ["financing"], ["distribution"]),
    ("宋雨", "Song Yu", "song.yu", "海口咖啡与热带饮品有限公司", ["C", "G"], ["distribution"], ["supply"]),
    ("郑凯", "Zheng Kai", "zheng.kai", "海南航空维修工程有限公司", ["C", "H"], ["technology"], ["joint_venture"]),
    ("谢敏", "Xie Min", "xie.min", "海口国际会展中心", ["N"], ["representation"], ["investment"]),
]  # fmt: skip

#: The Hainan companies' names in Latin letters: the directory holds them as the English name, so a Russian reader
#: sees "海南椰岛食品有限公司 (Hainan Coconut Island Food Co., Ltd.)" rather than the Chinese name alone.
COMPANIES_EN = {
    "海南洋浦港航物流有限公司": "Hainan Yangpu Port Shipping Logistics Co., Ltd.",
    "海口热带农业科技有限公司": "Haikou Tropical Agriculture Technology Co., Ltd.",
    "海南自贸港数字科技有限公司": "Hainan FTP Digital Technology Co., Ltd.",
    "海口美兰跨境电商有限公司": "Haikou Meilan Cross-Border E-Commerce Co., Ltd.",
    "海南椰岛食品有限公司": "Hainan Coconut Island Food Co., Ltd.",
    "海口江东新区开发投资有限公司": "Haikou Jiangdong New Area Development and Investment Co., Ltd.",
    "海南国际医疗旅游有限公司": "Hainan International Medical Tourism Co., Ltd.",
    "海口农商银行国际业务部": "Haikou Rural Commercial Bank, International Department",
    "海南免税商品贸易有限公司": "Hainan Duty-Free Goods Trading Co., Ltd.",
    "海口新能源汽车零部件有限公司": "Haikou New Energy Vehicle Parts Co., Ltd.",
    "海南南繁种业科技有限公司": "Hainan Nanfan Seed Technology Co., Ltd.",
    "海口综合保税区仓储有限公司": "Haikou Comprehensive Bonded Zone Warehousing Co., Ltd.",
    "海南海洋渔业集团有限公司": "Hainan Ocean Fisheries Group Co., Ltd.",
    "海口旅游文化投资集团": "Haikou Tourism and Culture Investment Group",
    "海南橡胶工业有限公司": "Hainan Rubber Industry Co., Ltd.",
    "海口生物医药产业园": "Haikou Biomedical Industrial Park",
    "海南国际航运交易所": "Hainan International Shipping Exchange",
    "海口智慧能源有限公司": "Haikou Smart Energy Co., Ltd.",
    "海南自贸港国际法律服务中心": "Hainan FTP International Legal Services Centre",
    "海口建设工程集团": "Haikou Construction Engineering Group",
    "海南跨境支付服务有限公司": "Hainan Cross-Border Payment Services Co., Ltd.",
    "海口咖啡与热带饮品有限公司": "Haikou Coffee and Tropical Beverages Co., Ltd.",
    "海南航空维修工程有限公司": "Hainan Aircraft Maintenance Engineering Co., Ltd.",
    "海口国际会展中心": "Haikou International Convention and Exhibition Center",
}

INTERPRETERS = [
    ("Анна Ли (李安娜)", "anna.li@interpreters.demo", ["ru", "zh"]),
    ("王晓明 (Ван Сяомин)", "wang.xiaoming@interpreters.demo", ["ru", "zh", "en"]),
    ("Ирина Чжан (张伊琳)", "irina.zhang@interpreters.demo", ["ru", "zh"]),
    ("Sergei Petrov", "sergei.petrov@interpreters.demo", ["ru", "en"]),
]

#: Zones of the Russian participants, in turn: most in Moscow, some far east (their working day ends earlier
#: in UTC, so fewer of the day's slots suit them).
RUSSIAN_ZONES = ["Europe/Moscow"] * 5 + ["Asia/Novosibirsk", "Asia/Vladivostok", "Asia/Yekaterinburg"]
KINDS = list(Kind.values)


def _officer() -> Any:
    user_model = get_user_model()
    officer = user_model.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk").first()
    if officer is None:
        from investbridge.accounts.demo import ensure_user

        officer = ensure_user(
            email="officer@investbridge.demo", full_name="Ли Мин (Li Ming)", role=Role.OFFICER, language="ru"
        )
    return officer


def _russian_people() -> QuerySet[Any]:
    return directory_selectors.person_list(country="RU", is_demo=True).order_by("full_name", "pk")


def _event(officer: Any) -> tuple[Event, bool]:
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing, False
    # 09:00 in Moscow = 14:00 in Haikou = 06:00 UTC, four weeks ahead.
    start = (
        (timezone.now() + timedelta(days=28))
        .astimezone(UTC)
        .replace(hour=6, minute=0, second=0, microsecond=0)
    )
    event = event_services.event_create(
        user=officer,
        values={
            **EVENT,
            "slug": SLUG,
            "host_time_zone": "Asia/Shanghai",
            "partner_time_zone": "Europe/Moscow",
            "starts_at": start,
            "ends_at": start + timedelta(hours=4),
            "capacity": 80,
            "status": EventStatus.PUBLISHED,
            "is_demo": True,
        },
    )
    return event, True


def _hainan_organizations(officer: Any) -> None:
    """The Hainan companies in the directory with their Chinese and Latin-letter names (kept when present)."""
    for company, latin in COMPANIES_EN.items():
        if any(directory_services.organization_find_by_name(name=name) for name in (company, latin)):
            continue
        directory_services.organization_create(
            actor=officer,
            data={
                "kind": OrganizationKind.COMPANY,
                "name_zh_hans": company,
                "name_en": latin,
                "country": "CN",
            },
            is_demo=True,
        )


def _register(event: Event) -> None:
    inputs: list[Any] = []
    for index, person in enumerate(_russian_people()[:RUSSIANS]):
        memberships = sorted(person.memberships.all(), key=lambda m: (not m.is_primary, m.pk))
        organization = memberships[0].organization if memberships else None
        inputs.append(
            event_services.RegistrationInput(
                full_name=person.full_name,
                email=person.email or f"participant{index}@b2b.demo",
                organization_name=(organization.name_ru or organization.name)
                if organization
                else person.full_name,
                country="RU",
                language=person.preferred_language or "ru",
                position=memberships[0].position if memberships else "",
                name_latin=person.name_latin,
                sectors=list(organization.sectors.values_list("code", flat=True)) if organization else [],
                time_zone=RUSSIAN_ZONES[index % len(RUSSIAN_ZONES)],
            )
        )
    for name, latin, user, company, sectors, _offers, _seeks in CHINESE:
        inputs.append(
            event_services.RegistrationInput(
                full_name=name,
                email=f"{user}@hainan-companies.demo",
                organization_name=company,
                country="CN",
                language="zh-hans",
                name_latin=latin,
                sectors=sectors,
                time_zone="Asia/Shanghai",
            )
        )
    for data in inputs[:PARTICIPANTS]:
        event_services.registration_create(event=event, data=data)


def _profiles(event: Event, officer: Any) -> None:
    chinese = {f"{row[2]}@hainan-companies.demo": row for row in CHINESE}
    slots = list(selectors.slots(event=event))
    actor = services.Actor(user=officer)
    for index, registration in enumerate(selectors.participants(event=event)):
        profile = services.profile_ensure(registration=registration)
        row = chinese.get(registration.email_normalized)
        if row is not None:
            offers, seeks = row[5], row[6]
            languages = ["zh", "en"] if index % 2 == 0 else ["zh"]
            if index % 5 == 0:
                languages.append("ru")
            countries = ["RU", "KZ"] if index % 3 == 0 else ["RU"]
        else:
            offers = [KINDS[index % len(KINDS)], KINDS[(index * 3 + 1) % len(KINDS)]]
            seeks = [KINDS[(index + 2) % len(KINDS)]]
            languages = ["ru", "en"] if index % 3 == 0 else ["ru"]
            if index % 11 == 0:
                languages.append("zh")
            countries = ["CN"]
        zone = zoneinfo.ZoneInfo(profile.time_zone)
        unavailable = [
            slot
            for slot in slots
            if not time(9) <= slot.starts_at.astimezone(zone).time() < time(18)
            or slot.ends_at.astimezone(zone).time() > time(18)
        ]
        services.profile_update(
            actor=actor,
            profile=profile,
            values={
                "offers": sorted(set(offers)),
                "seeks": seeks,
                "languages": languages,
                "countries": countries,
            },
            unavailable_slots=unavailable,
        )
        Profile.objects.filter(pk=profile.pk).update(is_demo=True)


def _requests(event: Event, officer: Any) -> None:
    rng = random.Random(2027)
    profiles = list(selectors.profiles(event=event))
    for profile in profiles:
        for item in selectors.recommendations(profile=profile, limit=3)[: rng.choice([1, 2, 3])]:
            try:
                services.request_create(
                    actor=services.Actor(registration=profile.registration),
                    requester=profile,
                    recipient=item.profile,
                    message="",
                )
            except ValidationError:  # the cap or an earlier request between the pair: skip it
                continue
    pending = list(MeetingRequest.objects.filter(event=event, status=RequestStatus.PENDING).order_by("pk"))
    expired_ids = []
    for index, request in enumerate(pending):
        roll = index % 20
        actor = services.Actor(registration=request.recipient.registration)
        if roll < 13:
            services.request_respond(actor=actor, request=request, accept=True)
        elif roll < 15:
            services.request_respond(actor=actor, request=request, accept=False)
        elif roll == 15:
            services.request_withdraw(
                actor=services.Actor(registration=request.requester.registration), request=request
            )
        elif roll == 16:
            expired_ids.append(request.pk)
        # The rest stay pending.
    MeetingRequest.objects.filter(pk__in=expired_ids).update(expires_at=timezone.now() - timedelta(hours=1))
    services.requests_expire()
    # The officer adds must-have meetings between the bank, the development fund and Russian participants.
    by_org = {p.organization_name: p for p in profiles}
    russians = [p for p in profiles if p.country == "RU"]
    for company, partner in (
        ("海口农商银行国际业务部", 0),
        ("海口江东新区开发投资有限公司", 1),
        ("海南国际航运交易所", 2),
    ):
        if company in by_org and len(russians) > partner:
            services.must_have_add(user=officer, first=by_org[company], second=russians[partner])
    MeetingRequest.objects.filter(event=event).update(is_demo=True)


def _resources(event: Event, officer: Any) -> None:
    day = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.host_time_zone)).date()
    services.slots_generate(user=officer, event=event, days=[day], minutes=20)
    for number in range(1, 9):
        services.room_add(
            user=officer,
            event=event,
            name=f"B2B-{number}",
            url=f"https://meet.jit.si/investbridge-b2b-{number}",
        )
    for name, email, languages in INTERPRETERS:
        services.interpreter_add(user=officer, event=event, name=name, email=email, languages=languages)


def _schedule(event: Event, officer: Any) -> ScheduleRun:
    run = ScheduleRun.objects.create(event=event, started_by=officer, time_limit=TIME_LIMIT)
    run = services.schedule_run_execute(run_id=run.pk)
    for meeting in selectors.draft_meetings(event=event).exclude(slot=None)[:2]:
        services.meeting_set_lock(user=officer, meeting=meeting, locked=True)
    services.schedule_publish(user=officer, event=event)
    return run


def load(*, stdout: TextIO) -> None:
    officer = _officer()
    event, created = _event(officer)
    setup = services.setup_ensure(event=event)
    if setup.published_at is not None:
        stdout.write(f"Matchmaking: B2B day kept with {selectors.profiles(event=event).count()} profiles.\n")
        return
    setup.is_demo = True
    setup.request_cap = 6
    setup.save(update_fields=["is_demo", "request_cap", "updated_at"])
    _hainan_organizations(officer)
    _register(event)
    _resources(event, officer)
    _profiles(event, officer)
    _requests(event, officer)
    run = _schedule(event, officer)
    counts = selectors.request_counts(event=event)
    stdout.write(
        f"Matchmaking: B2B day {'created' if created else 'completed'} with "
        f"{selectors.profiles(event=event).count()} profiles, requests {counts}, "
        f"schedule {run.status} ({run.scheduled} meetings scheduled, {run.unscheduled} not) and published.\n"
    )
