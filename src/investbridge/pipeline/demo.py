"""Demo data of the pipeline (idempotent, marked is_demo): inquiries in Russian, Chinese and English in several
states, leads across the stages (some from the demo videoconference, some referred by partners), activities and
tasks, the set-up checklist templates, and two representative-office cases (one in progress, one completed)."""

from datetime import timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from investbridge.core.roles import Role
from investbridge.directory import services as directory_services
from investbridge.pipeline import attribution, selectors
from investbridge.pipeline.models import (
    Activity,
    Inquiry,
    InquiryChannel,
    InquiryReply,
    InquiryStatus,
    Lead,
    LeadSource,
    LeadStageChange,
    SetupCase,
    SetupCaseStatus,
    SetupCaseStep,
    SetupTemplate,
    SetupTemplateStep,
    Stage,
    StepStatus,
    Task,
)

OFFICER_EMAILS = {
    "ru": "officer@investbridge.demo",
    "zh-hans": "wang.fang@investbridge.demo",
    "en": "chen.jie@investbridge.demo",
}

# (reference, language, company, contact, e-mail, country, sectors, kind, range, message, hours ago, reply after
#  hours or None, reply language, final status)
INQUIRIES: list[tuple[Any, ...]] = [
    (
        "demo-1",
        "ru",
        "ООО «АгроВолга»",
        "Марина Соколова",
        "m.sokolova@agrovolga.example.ru",
        "RU",
        ["A", "C"],
        "investment",
        "1m_10m",
        "Рассматриваем создание перерабатывающего производства тропических фруктов в Хайкоу. Какие льготы действуют для иностранных инвесторов в свободном порту?",
        200,
        6,
        "ru",
        InquiryStatus.CONVERTED,
    ),
    (
        "demo-2",
        "ru",
        "АО «СибЛогистик»",
        "Дмитрий Волков",
        "volkov@siblogistic.example.ru",
        "RU",
        ["H"],
        "representative_office",
        "under_1m",
        "Хотим открыть представительство для морских перевозок между Владивостоком и Хайнанем. Подскажите порядок регистрации.",
        60,
        30,
        "ru",
        InquiryStatus.ANSWERED,
    ),
    (
        "demo-3",
        "ru",
        "ТОО «Казахстан Трейд Хаус»",
        "Айгерим Сапарова",
        "a.saparova@kth.example.kz",
        "KZ",
        ["G"],
        "trade",
        "unknown",
        "Интересует беспошлинный ввоз товаров и организация склада. Нужна консультация на русском языке.",
        30,
        None,
        "",
        InquiryStatus.NEW,
    ),
    (
        "demo-4",
        "ru",
        "ООО «Медтех Решения»",
        "Илья Гончаров",
        "goncharov@medtech.example.ru",
        "RU",
        ["Q"],
        "joint_venture",
        "10m_50m",
        "Ищем партнёра для совместного предприятия в сфере медицинского оборудования в пилотной зоне Боао.",
        2,
        None,
        "",
        InquiryStatus.NEW,
    ),
    (
        "demo-5",
        "zh-hans",
        "莫斯科东方贸易公司",
        "张伟",
        "zhang.wei@orient-trade.example.ru",
        "RU",
        ["G"],
        "trade",
        "1m_10m",
        "我们是在莫斯科经营的华人企业，希望了解在海口设立进出口公司的流程和税收优惠。",
        120,
        3,
        "zh-hans",
        InquiryStatus.ANSWERED,
    ),
    (
        "demo-6",
        "zh-hans",
        "新西伯利亚中俄科技合作中心",
        "刘洋",
        "liu.yang@nsk-tech.example.ru",
        "RU",
        ["M"],
        "technology",
        "under_1m",
        "希望与海南的高校和科研机构开展技术合作，请介绍相关支持政策。",
        48,
        20,
        "en",
        InquiryStatus.ANSWERED,
    ),
    (
        "demo-7",
        "en",
        "Caspian Renewables LLP",
        "Daniyar Akhmetov",
        "d.akhmetov@caspian-renew.example.kz",
        "KZ",
        ["D"],
        "investment",
        "over_50m",
        "We are evaluating a solar and storage project and would like to learn about land, grid access and incentives in Hainan.",
        90,
        10,
        "en",
        InquiryStatus.CONVERTED,
    ),
    (
        "demo-8",
        "en",
        "Minsk Dairy Export",
        "Olga Kovalenko",
        "o.kovalenko@minskdairy.example.by",
        "BY",
        ["C", "G"],
        "trade",
        "1m_10m",
        "We are looking for a distributor and a bonded warehouse in Haikou for dairy products.",
        5,
        None,
        "",
        InquiryStatus.NEW,
    ),
    (
        "demo-9",
        "en",
        "Test Company",
        "Test",
        "test@spam.example",
        "US",
        [],
        "other",
        "unknown",
        "Please ignore, test message.",
        150,
        None,
        "",
        InquiryStatus.CLOSED,
    ),
]

# (title, company, country, language, stage, source, partner index or None, from the event, projected, currency,
#  jobs, realised, realised currency, realised jobs, USCC, lost reason)
LEADS: list[tuple[Any, ...]] = [
    (
        "Завод по переработке фруктов",
        "ООО «АгроВолга»",
        "RU",
        "ru",
        Stage.QUALIFIED,
        LeadSource.INQUIRY,
        None,
        False,
        Decimal("8000000"),
        "USD",
        120,
        None,
        "USD",
        None,
        "",
        "",
    ),
    (
        "Caspian solar and storage park",
        "Caspian Renewables LLP",
        "KZ",
        "en",
        Stage.ENGAGED,
        LeadSource.INQUIRY,
        None,
        False,
        Decimal("60000000"),
        "USD",
        80,
        None,
        "USD",
        None,
        "",
        "",
    ),
    (
        "Логистический хаб в порту Янпу",
        "АО «Балтийские перевозки»",
        "RU",
        "ru",
        Stage.DECISION,
        LeadSource.EVENT,
        None,
        True,
        Decimal("150000000"),
        "CNY",
        60,
        None,
        "CNY",
        None,
        "",
        "",
    ),
    (
        "Представительство «Уральские станки»",
        "ООО «Уральские станки»",
        "RU",
        "ru",
        Stage.ESTABLISHED,
        LeadSource.EVENT,
        None,
        True,
        Decimal("2000000"),
        "CNY",
        8,
        Decimal("1800000"),
        "CNY",
        6,
        "91460100MA5RC1AB07",
        "",
    ),
    (
        "Центр цифровых медицинских услуг",
        "ООО «Телемед Плюс»",
        "RU",
        "ru",
        Stage.ENGAGED,
        LeadSource.EVENT,
        None,
        True,
        Decimal("5000000"),
        "USD",
        40,
        None,
        "USD",
        None,
        "",
        "",
    ),
    (
        "Торговый дом бытовой техники",
        "ООО «ТехноИмпорт»",
        "RU",
        "ru",
        Stage.AFTERCARE,
        LeadSource.PARTNER,
        0,
        False,
        Decimal("30000000"),
        "CNY",
        25,
        Decimal("32000000"),
        "CNY",
        30,
        "91460000MA5T5Y8X2D",
        "",
    ),
    (
        "Переработка морепродуктов",
        "ООО «Дальморепродукт-Трейд»",
        "RU",
        "ru",
        Stage.QUALIFIED,
        LeadSource.PARTNER,
        1,
        False,
        Decimal("12000000"),
        "USD",
        150,
        None,
        "USD",
        None,
        "",
        "",
    ),
    (
        "Инвестиционный фонд в сфере туризма",
        "АО «Северный капитал»",
        "RU",
        "ru",
        Stage.INQUIRY,
        LeadSource.PARTNER,
        2,
        False,
        Decimal("500000000"),
        "RUB",
        None,
        None,
        "USD",
        None,
        "",
        "",
    ),
    (
        "Yacht service centre",
        "Baltic Marine Services OÜ",
        "EE",
        "en",
        Stage.LOST,
        LeadSource.DIRECT,
        None,
        False,
        Decimal("3000000"),
        "EUR",
        20,
        None,
        "EUR",
        None,
        "",
        "other_location",
    ),
    (
        "海口跨境电商仓储中心",
        "喀山丝路电商有限公司",
        "RU",
        "zh-hans",
        Stage.DECISION,
        LeadSource.PARTNER,
        1,
        False,
        Decimal("20000000"),
        "CNY",
        35,
        None,
        "CNY",
        None,
        "",
        "",
    ),
]

TEMPLATES = {
    "representative_office": (
        {
            "ru": "Представительство иностранной компании",
            "zh-hans": "外国企业常驻代表机构",
            "en": "Representative office of a foreign company",
        },
        [
            (
                {
                    "ru": "Подготовить выписку из реестра головной компании с апостилем",
                    "zh-hans": "准备经认证的母公司注册证明",
                    "en": "Prepare the parent company's legalised certificate of registration",
                },
                True,
                7,
            ),
            (
                {
                    "ru": "Получить банковское подтверждение платёжеспособности",
                    "zh-hans": "取得银行资信证明",
                    "en": "Obtain a bank reference letter",
                },
                True,
                10,
            ),
            (
                {
                    "ru": "Арендовать офис и получить договор аренды",
                    "zh-hans": "租赁办公场所并签订租赁合同",
                    "en": "Lease an office and sign the lease",
                },
                True,
                14,
            ),
            (
                {
                    "ru": "Подать заявление о регистрации в управление рынка",
                    "zh-hans": "向市场监督管理局提交登记申请",
                    "en": "File the registration with the market regulation bureau",
                },
                False,
                21,
            ),
            (
                {
                    "ru": "Получить свидетельство о регистрации (USCC)",
                    "zh-hans": "领取登记证（统一社会信用代码）",
                    "en": "Receive the registration certificate (USCC)",
                },
                True,
                30,
            ),
            (
                {
                    "ru": "Открыть банковский счёт и встать на налоговый учёт",
                    "zh-hans": "开立银行账户并办理税务登记",
                    "en": "Open a bank account and register for tax",
                },
                False,
                40,
            ),
        ],
    ),
    "wfoe": (
        {
            "ru": "Предприятие со 100% иностранным капиталом",
            "zh-hans": "外商独资企业",
            "en": "Wholly foreign-owned enterprise",
        },
        [
            (
                {
                    "ru": "Согласовать наименование компании",
                    "zh-hans": "企业名称自主申报",
                    "en": "Reserve the company name",
                },
                False,
                5,
            ),
            (
                {
                    "ru": "Подготовить устав и документы учредителя",
                    "zh-hans": "准备公司章程和投资者文件",
                    "en": "Prepare the articles and the investor's documents",
                },
                True,
                14,
            ),
            (
                {
                    "ru": "Зарегистрировать предприятие и получить лицензию",
                    "zh-hans": "办理企业登记并领取营业执照",
                    "en": "Register the enterprise and receive the business licence",
                },
                True,
                30,
            ),
            (
                {
                    "ru": "Подать отчёт об иностранных инвестициях",
                    "zh-hans": "报送外商投资信息报告",
                    "en": "File the foreign investment information report",
                },
                False,
                35,
            ),
        ],
    ),
    "joint_venture": (
        {"ru": "Совместное предприятие", "zh-hans": "中外合资企业", "en": "Joint venture"},
        [
            (
                {
                    "ru": "Подписать соглашение о создании СП",
                    "zh-hans": "签署合资协议",
                    "en": "Sign the joint-venture agreement",
                },
                True,
                10,
            ),
            (
                {
                    "ru": "Зарегистрировать предприятие и получить лицензию",
                    "zh-hans": "办理企业登记并领取营业执照",
                    "en": "Register the enterprise and receive the business licence",
                },
                True,
                30,
            ),
            (
                {
                    "ru": "Внести уставный капитал",
                    "zh-hans": "缴纳注册资本",
                    "en": "Pay in the registered capital",
                },
                False,
                60,
            ),
        ],
    ),
}

SUFFIX = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}


def _officers() -> dict[str, Any]:
    users = get_user_model().objects.filter(email__in=OFFICER_EMAILS.values())
    by_email = {user.email: user for user in users}
    fallback = (
        get_user_model()
        .objects.filter(role__in=[Role.OFFICER, Role.ADMIN], is_active=True)
        .order_by("id")
        .first()
    )
    return {language: by_email.get(email, fallback) for language, email in OFFICER_EMAILS.items()}


def _load_inquiries(officers: dict[str, Any], now: Any) -> dict[str, Inquiry]:
    from investbridge.pipeline import services

    loaded = {}
    for (
        reference,
        language,
        company,
        contact,
        email,
        country,
        sectors,
        kind,
        size,
        message,
        hours_ago,
        reply_after,
        reply_language,
        status,
    ) in INQUIRIES:
        inquiry = Inquiry.objects.filter(channel=InquiryChannel.WEB_FORM, source_reference=reference).first()
        if inquiry is None:
            inquiry = services.inquiry_create(
                company_name=company,
                contact_name=contact,
                email=email,
                country=country,
                sector_codes=sectors,
                cooperation_kind=kind,
                investment_range=size,
                message=message,
                language=language,
                consent=True,
                source_reference=reference,
                received_at=now - timedelta(hours=hours_ago),
                is_demo=True,
            )
            officer = officers[language]
            Inquiry.objects.filter(pk=inquiry.pk).update(assigned_to=officer, status=status)
            if reply_after is not None:
                sent = inquiry.received_at + timedelta(hours=reply_after)
                InquiryReply.objects.create(
                    inquiry=inquiry,
                    author=officer,
                    language=reply_language,
                    sent_at=sent,
                    subject={"ru": "Ответ на ваш запрос", "zh-hans": "关于您的咨询", "en": "Your inquiry"}[
                        reply_language
                    ],
                    body={
                        "ru": "Благодарим за интерес к Хайкоу. Направляем обзор льгот свободного порта и предлагаем созвониться на этой неделе.",
                        "zh-hans": "感谢您关注海口。随函附上自贸港优惠政策概要，欢迎本周与我们电话沟通。",
                        "en": "Thank you for your interest in Haikou. Please find an overview of the free-trade-port incentives; we suggest a call this week.",
                    }[reply_language],
                )
                Inquiry.objects.filter(pk=inquiry.pk).update(
                    first_reply_at=sent, first_reply_language=reply_language
                )
            inquiry.refresh_from_db()
        loaded[reference] = inquiry
    return loaded


#: The events demo's "Haikou – Moscow" videoconference.
DEMO_EVENT_SLUG = "haikou-moscow-2020"


def _demo_event_id() -> int | None:
    """The demo videoconference, when the events domain provides it."""
    event = attribution.event_by_slug(DEMO_EVENT_SLUG)
    return None if event is None else event.id


def _attendees_by_organization(event_id: int | None) -> list[tuple[Any, Any]]:
    """One attending (person, organization) per organization, in registration order."""
    if event_id is None:
        return []
    seen: set[int] = set()
    pairs = []
    for person, organization in attribution.event_attendees(event_id):
        if organization is None or organization.pk in seen:
            continue
        seen.add(organization.pk)
        pairs.append((person, organization))
    return pairs


def _partner_user(organization: Any) -> Any:
    return (
        get_user_model().objects.filter(organization=organization, role=Role.PARTNER).order_by("id").first()
    )


def _load_leads(
    officers: dict[str, Any], inquiries: dict[str, Inquiry], now: Any, stdout: TextIO
) -> list[Lead]:
    partners = list(selectors.partner_organizations()[:3])
    event_id = _demo_event_id()
    attendees = _attendees_by_organization(event_id)
    leads = []
    inquiry_for = {"ООО «АгроВолга»": inquiries["demo-1"], "Caspian Renewables LLP": inquiries["demo-7"]}
    for index, (
        title,
        company,
        country,
        language,
        stage,
        source,
        partner_index,
        from_event,
        projected,
        currency,
        jobs,
        realised,
        realised_currency,
        realised_jobs,
        uscc,
        lost_reason,
    ) in enumerate(LEADS):
        lead = Lead.objects.filter(title=title, is_demo=True).first()
        if lead is not None:
            leads.append(lead)
            continue
        partner = None
        if source == LeadSource.PARTNER:
            if partner_index is None or partner_index >= len(partners):
                continue  # the directory demo has not created its partners: skip this referral
            partner = partners[partner_index]
        event = event_id if from_event else None
        if source == LeadSource.EVENT and event is None:
            source = LeadSource.DIRECT  # the events demo is not there: keep the lead, without the event link
        attendee = None
        if event is not None and attendees:
            attendee = attendees.pop(0)  # a company whose representative attended the videoconference
            organization = attendee[1]
        else:
            organization = directory_services.organization_match_or_create(
                name=company, country=country, language=language
            )
        inquiry = inquiry_for.get(company)
        created = now - timedelta(days=60 - index * 4)
        lead = Lead.objects.create(
            title=title,
            organization=organization,
            stage=stage,
            lost_reason=lost_reason,
            owner=officers[language],
            source=source,
            source_event_id=event,
            source_partner=partner,
            referred_by=_partner_user(partner) if partner else None,
            inquiry=inquiry,
            description=inquiry.message if inquiry else "",
            projected_investment=projected,
            projected_currency=currency,
            projected_jobs=jobs,
            realised_investment=realised,
            realised_currency=realised_currency,
            realised_jobs=realised_jobs,
            uscc=uscc,
            stage_changed_at=created + timedelta(days=10),
            is_demo=True,
        )
        if inquiry is not None and inquiry.person is not None:
            lead.people.add(inquiry.person)
        if attendee is not None:
            lead.people.add(attendee[0])
        LeadStageChange.objects.create(
            lead=lead,
            from_stage="",
            to_stage=Stage.INQUIRY,
            changed_by=officers[language],
            changed_at=created,
        )
        if stage != Stage.INQUIRY:
            LeadStageChange.objects.create(
                lead=lead,
                from_stage=Stage.INQUIRY,
                to_stage=stage,
                changed_by=officers[language],
                changed_at=created + timedelta(days=10),
            )
        Activity.objects.create(
            lead=lead,
            kind="call",
            occurred_at=created + timedelta(days=2),
            author=officers[language],
            subject={"ru": "Первый звонок", "zh-hans": "首次电话沟通", "en": "First call"}[language],
        )
        if stage in (Stage.ENGAGED, Stage.DECISION):
            Activity.objects.create(
                lead=lead,
                kind="site_visit",
                occurred_at=created + timedelta(days=20),
                author=officers[language],
                subject={
                    "ru": "Посещение площадки в Хайкоу",
                    "zh-hans": "海口实地考察",
                    "en": "Site visit in Haikou",
                }[language],
            )
            Task.objects.create(
                lead=lead,
                assignee=officers[language],
                due_at=now + timedelta(days=index - 4),
                title={
                    "ru": "Отправить расчёт льгот",
                    "zh-hans": "发送优惠政策测算",
                    "en": "Send the incentive calculation",
                }[language],
            )
        leads.append(lead)
    if len(partners) < 3:
        stdout.write(
            "Pipeline: fewer than three partner organizations; some partner referrals were skipped.\n"
        )
    if event_id is None:
        stdout.write(
            "Pipeline: the demo videoconference is not available; event leads are marked as direct.\n"
        )
    return leads


def _load_templates() -> dict[str, SetupTemplate]:
    templates = {}
    for kind, (names, steps) in TEMPLATES.items():
        template = SetupTemplate.objects.filter(kind=kind).order_by("id").first()
        if template is None:
            template = SetupTemplate(kind=kind)
            for language, suffix in SUFFIX.items():
                setattr(template, f"name_{suffix}", names[language])
            template.save()
            for order, (titles, is_document, days) in enumerate(steps, start=1):
                step = SetupTemplateStep(template=template, order=order, is_document=is_document, days=days)
                for language, suffix in SUFFIX.items():
                    setattr(step, f"title_{suffix}", titles[language])
                step.save()
        templates[kind] = template
    return templates


def _load_cases(officers: dict[str, Any], leads: list[Lead], templates: dict[str, SetupTemplate]) -> None:
    today = timezone.localdate()
    by_title = {lead.title: lead for lead in leads}
    plans = [
        ("Представительство «Уральские станки»", SetupCaseStatus.COMPLETED, 75),
        ("Логистический хаб в порту Янпу", SetupCaseStatus.IN_PROGRESS, 18),
    ]
    for title, status, days_ago in plans:
        lead = by_title.get(title)
        if lead is None or SetupCase.objects.filter(lead=lead, is_demo=True).exists():
            continue
        started = today - timedelta(days=days_ago)
        case = SetupCase.objects.create(
            kind="representative_office",
            organization=lead.organization,
            lead=lead,
            responsible=officers["ru"],
            status=status,
            started_on=started,
            is_demo=True,
            uscc=lead.uscc if status == SetupCaseStatus.COMPLETED else "",
            completed_on=started + timedelta(days=41) if status == SetupCaseStatus.COMPLETED else None,
        )
        last_due = started
        for template_step in templates["representative_office"].steps.all():
            due = started + timedelta(days=template_step.days)
            last_due = max(last_due, due)
            done = status == SetupCaseStatus.COMPLETED or template_step.days <= 14
            step = SetupCaseStep(
                case=case,
                order=template_step.order,
                is_document=template_step.is_document,
                due_on=due,
                status=StepStatus.DONE if done else StepStatus.TODO,
                done_on=due if done else None,
            )
            for suffix in SUFFIX.values():
                setattr(step, f"title_{suffix}", getattr(template_step, f"title_{suffix}"))
            step.save()
        case.due_on = last_due
        case.save(update_fields=["due_on"])


def load(*, stdout: TextIO) -> None:
    now = timezone.now()
    officers = _officers()
    if not any(officers.values()):
        stdout.write("Pipeline: no officers; run the accounts demo first.\n")
        return
    inquiries = _load_inquiries(officers, now)
    leads = _load_leads(officers, inquiries, now, stdout)
    templates = _load_templates()
    _load_cases(officers, leads, templates)
    stdout.write(
        f"Pipeline: {Inquiry.objects.filter(is_demo=True).count()} inquiries, "
        f"{Lead.objects.filter(is_demo=True).count()} leads, {SetupCase.objects.filter(is_demo=True).count()} set-up cases "
        f"(event attribution {'on' if attribution.events_available() else 'not available'}).\n"
    )
