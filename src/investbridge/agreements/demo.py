"""Demo data of agreements (idempotent, marked is_demo): the three cooperation agreements with the directory demo's
partner organizations (a bank, a union of industrialists and entrepreneurs, an investment company), each with a
signed PDF and its fingerprint, and their obligations, one of them overdue."""

import io
from datetime import date, timedelta
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from investbridge.agreements.models import Agreement, Obligation, ObligationStatus
from investbridge.agreements.services import file_sha256
from investbridge.directory import services as directory_services
from investbridge.pipeline import selectors as pipeline_selectors

#: The directory demo's promotion office (matched by this name; created with it when the directory demo is absent).
OFFICE_NAME = "Haikou Investment Cooperation Promotion Office"
#: Which agreement goes to which partner, by the partner organization's kind.
SPEC_BY_KIND = {"bank": 0, "association": 1, "investment_firm": 2}
SUFFIX = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}

# Per partner (in the order of the directory's partner organizations): the agreement and its obligations.
# Obligations: (titles, kind, owner is the partner, due in days from today, target, status)
AGREEMENTS: list[dict[str, Any]] = [
    {
        "titles": {
            "ru": "Соглашение о сотрудничестве в финансировании инвестиционных проектов",
            "zh-hans": "投资项目融资合作协议",
            "en": "Cooperation agreement on financing investment projects",
        },
        "summary": {
            "ru": "Банк сопровождает российские компании, выходящие на рынок Хайнаня, и открывает представительство в Хайкоу.",
            "zh-hans": "银行为进入海南市场的俄罗斯企业提供服务，并在海口设立代表处。",
            "en": "The bank supports Russian companies entering Hainan and opens a representative office in Haikou.",
        },
        "kind": "cooperation",
        "method": "online",
        "signed_days_ago": 240,
        "years": 3,
        "obligations": [
            (
                {
                    "ru": "Открыть представительство в Хайкоу",
                    "zh-hans": "在海口设立代表处",
                    "en": "Open a representative office in Haikou",
                },
                "office",
                True,
                -20,
                None,
                ObligationStatus.IN_PROGRESS,
            ),
            (
                {
                    "ru": "Рекомендовать 5 компаний в год",
                    "zh-hans": "每年推荐5家企业",
                    "en": "Refer 5 companies a year",
                },
                "referrals",
                True,
                125,
                5,
                ObligationStatus.OPEN,
            ),
        ],
    },
    {
        "titles": {
            "ru": "Меморандум о взаимопонимании по привлечению инвестиций",
            "zh-hans": "关于招商引资的谅解备忘录",
            "en": "Memorandum of understanding on attracting investment",
        },
        "summary": {
            "ru": "Союз информирует своих членов о возможностях свободного порта и совместно проводит видеоконференции.",
            "zh-hans": "联合会向其会员介绍自贸港机遇，并共同举办视频会议。",
            "en": "The union informs its members about the free-trade port and co-hosts videoconferences.",
        },
        "kind": "memorandum",
        "method": "in_person",
        "signed_days_ago": 400,
        "years": 5,
        "obligations": [
            (
                {
                    "ru": "Совместно провести видеоконференцию «Хайкоу – Москва»",
                    "zh-hans": "联合举办“海口—莫斯科”视频会议",
                    "en": "Co-host the Haikou – Moscow videoconference",
                },
                "event",
                True,
                -60,
                None,
                ObligationStatus.FULFILLED,
            ),
            (
                {
                    "ru": "Рекомендовать 10 компаний в год",
                    "zh-hans": "每年推荐10家企业",
                    "en": "Refer 10 companies a year",
                },
                "referrals",
                True,
                200,
                10,
                ObligationStatus.OPEN,
            ),
            (
                {
                    "ru": "Организовать деловую миссию в Хайкоу",
                    "zh-hans": "组织商务代表团访问海口",
                    "en": "Organise a business mission to Haikou",
                },
                "event",
                False,
                45,
                None,
                ObligationStatus.OPEN,
            ),
        ],
    },
    {
        "titles": {
            "ru": "Соглашение о сотрудничестве в сфере прямых инвестиций",
            "zh-hans": "直接投资领域合作协议",
            "en": "Cooperation agreement on direct investment",
        },
        "summary": {
            "ru": "Инвестиционная компания подбирает проекты в Хайнане для своих клиентов и открывает офис в свободном порту.",
            "zh-hans": "投资公司为其客户在海南遴选项目，并在自贸港设立办事处。",
            "en": "The investment company selects Hainan projects for its clients and opens an office in the free-trade port.",
        },
        "kind": "cooperation",
        "method": "online",
        "signed_days_ago": 90,
        "years": 3,
        "obligations": [
            (
                {
                    "ru": "Открыть офис в Хайкоу",
                    "zh-hans": "在海口设立办事处",
                    "en": "Open an office in Haikou",
                },
                "office",
                True,
                270,
                None,
                ObligationStatus.OPEN,
            ),
            (
                {
                    "ru": "Рекомендовать 3 компании в год",
                    "zh-hans": "每年推荐3家企业",
                    "en": "Refer 3 companies a year",
                },
                "referrals",
                True,
                275,
                3,
                ObligationStatus.OPEN,
            ),
        ],
    },
]


def _signed_pdf(title: str, parties: list[str], signed_on: date) -> bytes:
    """A one-page PDF standing for the signed document (Latin text: the standard PDF fonts have no CJK)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, 780, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(60, 750, f"Signed on {signed_on.isoformat()} by:")
    for index, party in enumerate(parties):
        pdf.drawString(80, 730 - 18 * index, party.encode("ascii", "replace").decode())
    pdf.drawString(60, 640, "DEMO DATA - InvestBridge demonstration agreement.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def load(*, stdout: TextIO) -> None:
    partners = list(pipeline_selectors.partner_organizations()[:3])
    if not partners:
        stdout.write("Agreements: no partner organizations yet (directory demo); skipped.\n")
        return
    office = directory_services.organization_match_or_create(
        name=OFFICE_NAME, country="CN", language="en", kind="government"
    )
    officer = get_user_model().objects.filter(email="officer@investbridge.demo").first()
    today = timezone.localdate()
    unused = list(range(len(AGREEMENTS)))
    pairs = []
    for partner in partners:
        index = SPEC_BY_KIND.get(partner.kind)
        if index is None or index not in unused:
            index = unused[0]
        unused.remove(index)
        pairs.append((partner, AGREEMENTS[index]))
    for partner, spec in pairs:
        if Agreement.objects.filter(is_demo=True, title_en=spec["titles"]["en"]).exists():
            continue
        signed_on = today - timedelta(days=spec["signed_days_ago"])
        agreement = Agreement(
            kind=spec["kind"],
            signed_on=signed_on,
            signing_method=spec["method"],
            valid_from=signed_on,
            valid_until=signed_on.replace(year=signed_on.year + spec["years"]) - timedelta(days=1),
            is_demo=True,
        )
        for language, suffix in SUFFIX.items():
            setattr(agreement, f"title_{suffix}", spec["titles"][language])
            setattr(agreement, f"summary_{suffix}", spec["summary"][language])
        data = _signed_pdf(
            spec["titles"]["en"], [OFFICE_NAME, getattr(partner, "name_en", "") or partner.name], signed_on
        )
        content = ContentFile(data)
        agreement.document_sha256 = file_sha256(content)
        agreement.document_size = len(data)
        agreement.save()
        agreement.document.save(f"{agreement.document_sha256}.pdf", content, save=True)
        agreement.parties.set([office, partner])
        for titles, kind, partner_owes, due_days, target, status in spec["obligations"]:
            obligation = Obligation(
                agreement=agreement,
                kind=kind,
                owner=partner if partner_owes else office,
                officer=officer,
                due_on=today + timedelta(days=due_days),
                target_count=target,
                status=status,
                status_changed_at=timezone.now(),
                is_demo=True,
            )
            for language, suffix in SUFFIX.items():
                setattr(obligation, f"title_{suffix}", titles[language])
            obligation.save()
    stdout.write(
        f"Agreements: {Agreement.objects.filter(is_demo=True).count()} agreements, "
        f"{Obligation.objects.filter(is_demo=True).count()} obligations.\n"
    )
