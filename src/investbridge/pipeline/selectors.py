"""Reads of the pipeline domain. Every list a user sees is scoped by that user here, not in the views."""

import math
import statistics as stats
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from investbridge.core.models import InboundMail, InboundMatch
from investbridge.core.permissions import has_role
from investbridge.core.roles import Role
from investbridge.directory import selectors as directory_selectors
from investbridge.directory.models import Organization
from investbridge.pipeline.models import (
    OPEN_STAGES,
    AssignmentRule,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    Lead,
    LeadSource,
    LeadStageChange,
    ReplyTemplate,
    SetupCase,
    SetupTemplate,
    Stage,
    Task,
)

# --- the service-level clock -------------------------------------------------------------------------


class SlaState:
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    CLOSED = "closed"


def inquiry_sla_state(inquiry: Inquiry, now: datetime | None = None) -> str:
    """Where the inquiry stands against its reply target."""
    now = now or timezone.now()
    if inquiry.first_reply_at is not None:
        return (
            SlaState.ANSWERED_ON_TIME
            if inquiry.first_reply_at <= inquiry.reply_due_at
            else SlaState.ANSWERED_LATE
        )
    if inquiry.status == InquiryStatus.CLOSED:
        return SlaState.CLOSED
    if now > inquiry.reply_due_at:
        return SlaState.OVERDUE
    if now >= inquiry.reply_due_at - timedelta(hours=settings.PIPELINE_REPLY_WARNING_HOURS):
        return SlaState.DUE_SOON
    return SlaState.OPEN


def inquiry_first_reply_hours(inquiry: Inquiry) -> float | None:
    if inquiry.first_reply_at is None:
        return None
    return (inquiry.first_reply_at - inquiry.received_at).total_seconds() / 3600


def inquiries_awaiting_reply() -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(first_reply_at__isnull=True).exclude(status=InquiryStatus.CLOSED)


def inquiries_overdue(*, now: datetime | None = None, officer: Any = None) -> QuerySet[Inquiry]:
    queryset = inquiries_awaiting_reply().filter(reply_due_at__lt=now or timezone.now())
    if officer is not None:
        queryset = queryset.filter(assigned_to=officer)
    return queryset


def inquiries_due_for_warning(*, now: datetime) -> QuerySet[Inquiry]:
    """Unanswered, assigned, not yet warned, and within the warning window (or past due)."""
    window = now + timedelta(hours=settings.PIPELINE_REPLY_WARNING_HOURS)
    return inquiries_awaiting_reply().filter(
        reply_due_at__lte=window, overdue_warned_at__isnull=True, assigned_to__isnull=False
    )


def inquiry_list_for(user: Any, *, status: str = "", mine: bool = False) -> QuerySet[Inquiry]:
    if not has_role(user, Role.OFFICER, Role.ADMIN):
        return Inquiry.objects.none()
    queryset = Inquiry.objects.select_related("assigned_to").prefetch_related("sectors")
    if status == "overdue":
        queryset = queryset.filter(first_reply_at__isnull=True, reply_due_at__lt=timezone.now()).exclude(
            status=InquiryStatus.CLOSED
        )
    elif status:
        queryset = queryset.filter(status=status)
    if mine:
        queryset = queryset.filter(assigned_to=user)
    return queryset


def assignment_rules() -> QuerySet[AssignmentRule]:
    return AssignmentRule.objects.select_related("officer", "sector")


def officers() -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return (
        get_user_model().objects.filter(is_active=True, role__in=[Role.OFFICER, Role.ADMIN]).order_by("email")
    )


def digest_recipients() -> list[Any]:
    """The users who get the daily digest: active officers, administrators and partner staff."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True, role__in=[Role.OFFICER, Role.ADMIN, Role.PARTNER])
        .order_by("id")
    )


# --- the monthly inquiry-handling report ----------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile (the smallest value with at least `fraction` of the values at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class InquiryMonthReport:
    year: int
    month: int
    received: int = 0
    answered: int = 0
    unanswered: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    within_target: float | None = None
    in_inquirer_language: float | None = None
    target_hours: int = 24
    by_language: dict[str, int] = field(default_factory=dict)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def inquiry_handling_report(*, year: int, month: int) -> InquiryMonthReport:
    """Inquiries received in the month: first-reply times, the share answered within the target and the share
    answered in the inquirer's language. Unanswered inquiries count against both shares."""
    office_zone = zoneinfo.ZoneInfo(settings.OFFICE_TIME_ZONE)
    start = datetime(year, month, 1, tzinfo=office_zone)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=office_zone)
    rows = list(
        Inquiry.objects.filter(received_at__gte=start, received_at__lt=end).values(
            "received_at", "reply_due_at", "first_reply_at", "first_reply_language", "language"
        )
    )
    report = InquiryMonthReport(year=year, month=month, target_hours=settings.PIPELINE_REPLY_TARGET_HOURS)
    report.received = len(rows)
    hours: list[float] = []
    on_time = 0
    same_language = 0
    for row in rows:
        report.by_language[row["language"]] = report.by_language.get(row["language"], 0) + 1
        if row["first_reply_at"] is None:
            continue
        hours.append((row["first_reply_at"] - row["received_at"]).total_seconds() / 3600)
        if row["first_reply_at"] <= row["reply_due_at"]:
            on_time += 1
        if row["first_reply_language"] == row["language"]:
            same_language += 1
    report.answered = len(hours)
    report.unanswered = report.received - report.answered
    if hours:
        report.median_hours = stats.median(hours)
        report.p90_hours = percentile(hours, 0.9)
    if report.received:
        report.within_target = on_time / report.received
        report.in_inquirer_language = same_language / report.received
    return report


# --- leads ----------------------------------------------------------------------------------------------


def leads_visible_to(user: Any) -> QuerySet[Lead]:
    """Officers see every lead; partner staff only the leads their own organization referred; others none."""
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return Lead.objects.all()
    if has_role(user, Role.PARTNER) and user.organization_id:
        return Lead.objects.filter(source=LeadSource.PARTNER, source_partner_id=user.organization_id)
    return Lead.objects.none()


def lead_list_for(user: Any, *, stage: str = "", source: str = "", query: str = "") -> QuerySet[Lead]:
    queryset = leads_visible_to(user).select_related("organization", "owner", "source_partner")
    if stage:
        queryset = queryset.filter(stage=stage)
    if source:
        queryset = queryset.filter(source=source)
    if query:
        queryset = queryset.filter(Q(title__icontains=query) | Q(organization__name__icontains=query))
    return queryset


@dataclass
class BoardColumn:
    stage: str
    label: str
    leads: list[Lead]


def lead_board(user: Any) -> list[BoardColumn]:
    """Leads by stage for the board (one query)."""
    leads = list(lead_list_for(user).exclude(stage=Stage.LOST).order_by("stage_changed_at", "id"))
    columns = []
    for stage in OPEN_STAGES:
        columns.append(
            BoardColumn(
                stage=stage.value,
                label=str(stage.label),
                leads=[lead for lead in leads if lead.stage == stage],
            )
        )
    return columns


def lead_detail_for(user: Any, lead_id: int) -> Lead:
    """The lead if the user may see it; Lead.DoesNotExist otherwise (the view answers 404)."""
    return (
        leads_visible_to(user)
        .select_related("organization", "owner", "source_event", "source_partner", "referred_by", "inquiry")
        .prefetch_related("people", "sectors")
        .get(pk=lead_id)
    )


def lead_stage_history(lead: Lead) -> QuerySet[LeadStageChange]:
    return lead.stage_changes.select_related("changed_by")


def referral_count(*, organization_id: int, start: date, end: date) -> int:
    """Leads the partner organization referred between two dates (inclusive), for referral obligations."""
    return Lead.objects.filter(
        source=LeadSource.PARTNER,
        source_partner_id=organization_id,
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).count()


# --- tasks ----------------------------------------------------------------------------------------------


def tasks_open_for(user: Any) -> QuerySet[Task]:
    return Task.objects.filter(assignee=user, done_at__isnull=True).select_related("lead")


def tasks_due_for_reminder(*, now: datetime) -> QuerySet[Task]:
    return Task.objects.filter(done_at__isnull=True, reminded_at__isnull=True, remind_at__lte=now)


# --- set-up cases ---------------------------------------------------------------------------------------


def setup_case_list(*, status: str = "") -> QuerySet[SetupCase]:
    queryset = SetupCase.objects.select_related("organization", "responsible", "lead").annotate(
        steps_total=Count("steps"),
        steps_done=Count("steps", filter=Q(steps__status__in=["done", "not_needed"])),
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def setup_templates() -> QuerySet[SetupTemplate]:
    return SetupTemplate.objects.prefetch_related(Prefetch("steps"))


def setup_template_for(kind: str) -> SetupTemplate | None:
    return SetupTemplate.objects.filter(kind=kind, is_active=True).order_by("id").first()


# --- partner organizations --------------------------------------------------------------------------------


def partner_organizations() -> QuerySet[Organization]:
    """The office's partner organizations (from the directory)."""
    return directory_selectors.partner_organizations()


# --- conversations and reply templates ------------------------------------------------------------------


@dataclass(frozen=True)
class ConversationEntry:
    """One mail of a conversation: an officer's answer (`sent`) or a reply the platform received."""

    at: datetime
    sent: bool
    subject: str
    text: str
    full_text: str
    language: str
    who: str
    attachments: list[Any]
    matched_by: str = ""


def _received(model: type[Any], object_id: int) -> list[ConversationEntry]:
    content_type = ContentType.objects.get_for_model(model)
    mails = InboundMail.objects.filter(content_type=content_type, object_id=object_id).prefetch_related(
        "attachments"
    )
    return [
        ConversationEntry(
            at=mail.received_at,
            sent=False,
            subject=mail.subject,
            text=mail.short_text,
            full_text=mail.text,
            language="",
            who=f"{mail.from_name} <{mail.from_address}>" if mail.from_name else mail.from_address,
            attachments=list(mail.attachments.all()),
            matched_by=mail.get_matched_by_display(),
        )
        for mail in mails
    ]


def inquiry_conversation(inquiry: Inquiry) -> list[ConversationEntry]:
    """The officers' answers and the replies received, oldest first."""
    sent = [
        ConversationEntry(
            at=reply.sent_at,
            sent=True,
            subject=reply.subject,
            text=reply.body,
            full_text=reply.body,
            language=reply.language,
            who=str(reply.author) if reply.author else "",
            attachments=[],
        )
        for reply in InquiryReply.objects.filter(inquiry=inquiry).select_related("author")
    ]
    return sorted(sent + _received(Inquiry, inquiry.pk), key=lambda entry: entry.at)


def lead_conversation(lead: Lead) -> list[ConversationEntry]:
    """The replies recorded on the lead and the conversation of the inquiry it came from, oldest first."""
    entries = _received(Lead, lead.pk)
    if lead.inquiry_id is not None:
        entries += inquiry_conversation(lead.inquiry)  # type: ignore[arg-type]
    return sorted(entries, key=lambda entry: entry.at)


def unmatched_mail() -> QuerySet[InboundMail]:
    """Received mails no conversation claimed, newest first, for an officer to assign."""
    return InboundMail.objects.filter(matched_by=InboundMatch.UNMATCHED).prefetch_related("attachments")


def reply_templates(*, active_only: bool = False) -> QuerySet[ReplyTemplate]:
    templates = ReplyTemplate.objects.all()
    return templates.filter(is_active=True) if active_only else templates


def reply_template_text(template: ReplyTemplate, language: str) -> tuple[str, str]:
    """The template's subject and text in `language`, else in the first language it is written in."""
    suffixes = [language.replace("-", "_")] + [
        code.replace("-", "_") for code in settings.LANGUAGE_CODES if code != language
    ]
    for suffix in suffixes:
        subject, body = getattr(template, f"subject_{suffix}", ""), getattr(template, f"body_{suffix}", "")
        if subject and body:
            return subject, body
    return "", ""
