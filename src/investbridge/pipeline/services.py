"""Writes of the pipeline domain: inquiries (assignment, acknowledgement, replies), leads (stages with an
optimistic version check), activities, tasks and reminders, company set-up cases, and the daily digests."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from investbridge.core import mail, trilingual
from investbridge.core.permissions import require_role
from investbridge.core.roles import Role
from investbridge.core.urls import absolute_url
from investbridge.directory import services as directory_services
from investbridge.directory import validators as directory_validators
from investbridge.directory.models import Organization, Person, Sector
from investbridge.events import selectors as event_selectors
from investbridge.events.models import Event
from investbridge.pipeline import selectors
from investbridge.pipeline.models import (
    Activity,
    AssignmentCursor,
    AssignmentRule,
    CooperationKind,
    DigestSend,
    Inquiry,
    InquiryChannel,
    InquiryReply,
    InquiryStatus,
    Lead,
    LeadSource,
    LeadStageChange,
    ReplyTemplate,
    SetupCase,
    SetupCaseStatus,
    SetupCaseStep,
    SetupTemplate,
    SetupTemplateStep,
    Stage,
    StepStatus,
    Task,
)
from investbridge.region import selectors as region_selectors
from investbridge.region import services as region_services

LANGUAGE_FIELD_SUFFIX = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}


class StaleVersionError(ValidationError):
    """Someone else changed the lead since the user loaded it."""


def _render_for(user: Any, template: str, context: dict[str, Any]) -> str:
    """Render an e-mail for a user: in their language, times in their time zone (named as `zone`)."""
    return mail.render(template, context, language=mail.language_of(user.language), time_zone=user.time_zone)


def _send(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    kind: str,
    related: Any = None,
    officer: Any = None,
    replies: bool = False,
) -> None:
    mail.send_mail(
        to=to,
        subject=subject,
        body=body,
        language=language,
        kind=f"pipeline.{kind}",
        related=related,
        officer=officer,
        replies=replies,
    )


def _valid_uscc(value: str) -> str:
    """The code in its compact form (directory.validators.clean_uscc), or ValidationError on the `uscc` field."""
    try:
        code = directory_validators.clean_uscc(value)
    except ValidationError as error:
        raise ValidationError({"uscc": error.messages}) from error
    if not code:
        raise ValidationError(
            {
                "uscc": _(
                    "This is not a valid Unified Social Credit Code (18 characters with a check character)."
                )
            }
        )
    return code


def validate_currency(code: str) -> str:
    import pycountry

    code = (code or "").strip().upper()
    if pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(
            _("Unknown currency code %(code)s: use ISO 4217, e.g. CNY, RUB or USD.") % {"code": code}
        )
    return code


# --- inquiries ------------------------------------------------------------------------------------------


def _pick_officer(*, language: str, sector_codes: list[str]) -> Any:
    """An officer by the first matching rule, else the next officer in turn (the cursor row is locked)."""
    for rule in AssignmentRule.objects.filter(is_active=True, officer__is_active=True).select_related(
        "officer"
    ):
        if rule.language and rule.language != language:
            continue
        if rule.sector_id and rule.sector_id not in sector_codes:
            continue
        return rule.officer
    pool = list(get_user_model().objects.filter(is_active=True, role=Role.OFFICER).order_by("id"))
    if not pool:
        return None
    AssignmentCursor.objects.get_or_create(key="inquiry")
    cursor = AssignmentCursor.objects.select_for_update().get(key="inquiry")
    following = [
        officer for officer in pool if cursor.last_officer_id is None or officer.id > cursor.last_officer_id
    ]
    chosen = following[0] if following else pool[0]
    cursor.last_officer = chosen
    cursor.save(update_fields=["last_officer"])
    return chosen


@transaction.atomic
def inquiry_create(
    *,
    company_name: str,
    contact_name: str,
    email: str,
    country: str,
    cooperation_kind: str,
    message: str,
    language: str,
    consent: bool,
    sector_codes: list[str] | None = None,
    investment_range: str = "unknown",
    phone: str = "",
    channel: str = InquiryChannel.WEB_FORM,
    source_reference: str = "",
    received_at: datetime | None = None,
    is_demo: bool = False,
    acknowledge: bool = True,
) -> Inquiry:
    """Record an inquiry, match its company and contact in the directory, assign an officer and, once committed,
    acknowledge it to the inquirer in the inquiry's language."""
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if not consent:
        raise ValidationError({"consent": _("We can answer only if you agree to be contacted.")})
    sector_codes = sorted(set(sector_codes or []))
    sectors = list(Sector.objects.filter(code__in=sector_codes))
    if len(sectors) != len(sector_codes):
        raise ValidationError({"sectors": _("Unknown sector.")})
    organization = directory_services.organization_match_or_create(
        name=company_name, country=country, language=language
    )
    person = directory_services.person_match_or_create(
        full_name=contact_name,
        email=email,
        organization=organization,
        country=country,
        preferred_language=language,
        consent=True,
        consent_source=str(InquiryChannel(channel).label),
        # Anyone may send an inquiry with anyone's e-mail: a known person confirms new details by mail.
        confirm_by_mail=not is_demo,
    )
    received = received_at or timezone.now()
    inquiry = Inquiry.objects.create(
        company_name=company_name.strip(),
        contact_name=contact_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        country=country.upper(),
        cooperation_kind=cooperation_kind,
        investment_range=investment_range,
        message=message.strip(),
        language=language,
        consent=consent,
        channel=channel,
        source_reference=source_reference,
        organization=organization,
        person=person,
        assigned_to=_pick_officer(language=language, sector_codes=sector_codes),
        received_at=received,
        reply_due_at=received + timedelta(hours=settings.PIPELINE_REPLY_TARGET_HOURS),
        is_demo=is_demo,
    )
    inquiry.sectors.set(sectors)
    if not is_demo:
        transaction.on_commit(lambda: inquiry_acknowledge(inquiry_id=inquiry.pk, to_inquirer=acknowledge))
    return inquiry


def inquiry_acknowledge(*, inquiry_id: int, to_inquirer: bool = True) -> None:
    """Send the acknowledgement in the inquiry's language, and tell the assigned officer in theirs."""
    inquiry = Inquiry.objects.select_related("assigned_to").get(pk=inquiry_id)
    if to_inquirer:
        with translation.override(inquiry.language):
            subject = _("We have received your inquiry")
            body = render_to_string(
                "pipeline/email/inquiry_acknowledgement.txt",
                {"inquiry": inquiry, "target_hours": settings.PIPELINE_REPLY_TARGET_HOURS},
            )
        _send(
            to=inquiry.email,
            subject=subject,
            body=body,
            language=inquiry.language,
            kind="inquiry_acknowledgement",
            related=inquiry,
            officer=inquiry.assigned_to,
            replies=True,
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(acknowledged_at=timezone.now())
    officer = inquiry.assigned_to
    if officer is not None:
        with translation.override(officer.language):
            officer_subject = _("New inquiry from %(company)s") % {"company": inquiry.company_name}
            officer_body = _render_for(
                officer,
                "pipeline/email/inquiry_assigned.txt",
                {
                    "inquiry": inquiry,
                    "officer": officer,
                    "url": absolute_url(
                        "pipeline:inquiry_detail", language=officer.language, args=[inquiry.pk]
                    ),
                },
            )
        _send(
            to=officer.email,
            subject=officer_subject,
            body=officer_body,
            language=officer.language,
            kind="inquiry_assigned",
            related=inquiry,
        )


@transaction.atomic
def inquiry_reply(*, user: Any, inquiry_id: int, language: str, subject: str, body: str) -> InquiryReply:
    """An officer answers: the reply is recorded, the first one stops the clock, and it is e-mailed on commit."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if language not in settings.LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a text."))
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry_id)
    now = timezone.now()
    reply = InquiryReply.objects.create(
        inquiry=inquiry,
        author=user,
        language=language,
        subject=subject.strip(),
        body=body.strip(),
        sent_at=now,
    )
    if inquiry.first_reply_at is None:
        inquiry.first_reply_at = now
        inquiry.first_reply_language = language
        if inquiry.status == InquiryStatus.NEW:
            inquiry.status = InquiryStatus.ANSWERED
        if inquiry.assigned_to_id is None:
            inquiry.assigned_to = user
        inquiry.save(
            update_fields=["first_reply_at", "first_reply_language", "status", "assigned_to", "updated_at"]
        )

    def send() -> None:
        with translation.override(language):
            text = render_to_string("pipeline/email/inquiry_reply.txt", {"reply": reply, "officer": user})
        _send(
            to=inquiry.email,
            subject=reply.subject,
            body=text,
            language=language,
            kind="inquiry_reply",
            related=inquiry,
            officer=user,
            replies=True,
        )

    transaction.on_commit(send)
    return reply


@transaction.atomic
def inquiry_update(
    *, user: Any, inquiry_id: int, assigned_to_id: int | None = None, status: str | None = None
) -> Inquiry:
    require_role(user, Role.OFFICER, Role.ADMIN)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry_id)
    fields = ["updated_at"]
    if assigned_to_id is not None:
        officer = selectors.officers().filter(pk=assigned_to_id).first()
        if officer is None:
            raise ValidationError({"assigned_to": _("Choose an active officer.")})
        inquiry.assigned_to = officer
        fields.append("assigned_to")
    if status is not None:
        if status not in InquiryStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        inquiry.status = status
        fields.append("status")
    inquiry.save(update_fields=fields)
    return inquiry


@transaction.atomic
def inquiry_convert_to_lead(*, user: Any, inquiry_id: int) -> Lead:
    """Open a lead from an inquiry (once: a second call returns the same lead)."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    inquiry = (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("organization", "person")
        .get(pk=inquiry_id)
    )
    existing = Lead.objects.filter(inquiry=inquiry).first()
    if existing is not None:
        return existing
    organization = inquiry.organization or directory_services.organization_match_or_create(
        name=inquiry.company_name, country=inquiry.country, language=inquiry.language
    )
    lead = _lead_insert(
        user=user,
        title=inquiry.company_name,
        organization=organization,
        source=LeadSource.INQUIRY,
        owner=inquiry.assigned_to or user,
        description=inquiry.message,
        inquiry=inquiry,
        people=[inquiry.person] if inquiry.person else [],
        is_demo=inquiry.is_demo,
    )
    lead.sectors.set(inquiry.sectors.all())
    inquiry.status = InquiryStatus.CONVERTED
    inquiry.save(update_fields=["status", "updated_at"])
    return lead


def inquiry_overdue_warnings_send(*, now: datetime | None = None) -> int:
    """E-mail each assigned officer once about an unanswered inquiry whose reply is due soon or overdue."""
    now = now or timezone.now()
    sent = 0
    for inquiry_id in list(selectors.inquiries_due_for_warning(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            inquiry = (
                Inquiry.objects.select_for_update(of=("self",))
                .select_related("assigned_to")
                .filter(pk=inquiry_id, overdue_warned_at__isnull=True, first_reply_at__isnull=True)
                .first()
            )
            if inquiry is None or inquiry.assigned_to is None:
                continue
            officer = inquiry.assigned_to
            with translation.override(officer.language):
                subject = _("Reply due: inquiry from %(company)s") % {"company": inquiry.company_name}
                body = _render_for(
                    officer,
                    "pipeline/email/inquiry_warning.txt",
                    {
                        "inquiry": inquiry,
                        "overdue": inquiry.reply_due_at < now,
                        "url": absolute_url(
                            "pipeline:inquiry_detail", language=officer.language, args=[inquiry.pk]
                        ),
                    },
                )
            inquiry.overdue_warned_at = now
            inquiry.save(update_fields=["overdue_warned_at"])
            _send(
                to=officer.email,
                subject=subject,
                body=body,
                language=officer.language,
                kind="inquiry_warning",
                related=inquiry,
            )
            sent += 1
    return sent


@transaction.atomic
def assignment_rule_create(
    *, user: Any, officer_id: int, language: str = "", sector_code: str = "", priority: int = 10
) -> AssignmentRule:
    require_role(user, Role.OFFICER, Role.ADMIN)
    officer = selectors.officers().filter(pk=officer_id).first()
    if officer is None:
        raise ValidationError({"officer": _("Choose an active officer.")})
    if not language and not sector_code:
        raise ValidationError(_("A rule needs a language, a sector or both."))
    return AssignmentRule.objects.create(
        officer=officer, language=language, sector_id=sector_code or None, priority=priority
    )


@transaction.atomic
def assignment_rule_delete(*, user: Any, rule_id: int) -> None:
    require_role(user, Role.OFFICER, Role.ADMIN)
    AssignmentRule.objects.filter(pk=rule_id).delete()


# --- leads ----------------------------------------------------------------------------------------------


def _lead_insert(
    *,
    user: Any,
    title: str,
    organization: Organization,
    source: str,
    owner: Any = None,
    description: str = "",
    inquiry: Inquiry | None = None,
    people: list[Person] | None = None,
    source_event: Event | None = None,
    source_partner: Organization | None = None,
    referred_by: Any = None,
    projected_investment: Decimal | None = None,
    projected_currency: str = "USD",
    projected_jobs: int | None = None,
    stage: str = Stage.INQUIRY,
    is_demo: bool = False,
) -> Lead:
    now = timezone.now()
    lead = Lead.objects.create(
        title=title.strip(),
        organization=organization,
        source=source,
        owner=owner,
        description=description,
        inquiry=inquiry,
        source_event=source_event,
        source_partner=source_partner,
        referred_by=referred_by,
        projected_investment=projected_investment,
        projected_currency=validate_currency(projected_currency),
        projected_jobs=projected_jobs,
        stage=stage,
        stage_changed_at=now,
        is_demo=is_demo,
    )
    if people:
        lead.people.set(people)
    LeadStageChange.objects.create(lead=lead, from_stage="", to_stage=stage, changed_by=user, changed_at=now)
    return lead


@transaction.atomic
def lead_create(
    *,
    user: Any,
    title: str,
    company_name: str,
    country: str,
    language: str,
    source: str = LeadSource.DIRECT,
    source_event_id: int | None = None,
    source_partner_id: int | None = None,
    owner_id: int | None = None,
    contact_name: str = "",
    contact_email: str = "",
    description: str = "",
    projected_investment: Decimal | None = None,
    projected_currency: str = "USD",
    projected_jobs: int | None = None,
    is_demo: bool = False,
) -> Lead:
    """An officer opens a lead; the company and contact are matched in (or added to) the directory."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if source not in LeadSource.values:
        raise ValidationError({"source": _("Unknown source.")})
    partner = None
    if source == LeadSource.PARTNER:
        if not source_partner_id:
            raise ValidationError({"source_partner": _("Choose the partner that referred the company.")})
        partner = selectors.partner_organizations().filter(pk=source_partner_id).first()
        if partner is None:
            raise ValidationError({"source_partner": _("Choose the partner that referred the company.")})
    event = None
    if source == LeadSource.EVENT:
        event = event_selectors.all_events().filter(pk=source_event_id).first() if source_event_id else None
        if event is None:
            raise ValidationError({"source_event_id": _("Name the event the lead came from.")})
    organization = directory_services.organization_match_or_create(
        name=company_name, country=country, language=language
    )
    people = []
    if contact_email:
        people.append(
            directory_services.person_match_or_create(
                full_name=contact_name or contact_email,
                email=contact_email,
                organization=organization,
                country=country,
                preferred_language=language,
            )
        )
    owner = selectors.officers().filter(pk=owner_id).first() if owner_id else user
    return _lead_insert(
        user=user,
        title=title or company_name,
        organization=organization,
        source=source,
        owner=owner,
        description=description,
        people=people,
        source_event=event,
        source_partner=partner,
        projected_investment=projected_investment,
        projected_currency=projected_currency,
        projected_jobs=projected_jobs,
        is_demo=is_demo,
    )


@transaction.atomic
def lead_referral_create(
    *,
    user: Any,
    company_name: str,
    country: str,
    contact_name: str,
    contact_email: str,
    language: str,
    description: str,
    projected_investment: Decimal | None = None,
    projected_currency: str = "USD",
    is_demo: bool = False,
) -> Lead:
    """A partner user refers a company: it becomes a lead with the user's organization as its source."""
    require_role(user, Role.PARTNER)
    partner = user.organization
    if partner is None or not partner.is_partner:
        raise PermissionDenied
    organization = directory_services.organization_match_or_create(
        name=company_name, country=country, language=language
    )
    person = directory_services.person_match_or_create(
        full_name=contact_name,
        email=contact_email,
        organization=organization,
        country=country,
        preferred_language=language,
    )
    owner = _pick_officer(language=language, sector_codes=[])
    lead = _lead_insert(
        user=user,
        title=company_name,
        organization=organization,
        source=LeadSource.PARTNER,
        owner=owner,
        description=description,
        people=[person],
        source_partner=partner,
        referred_by=user,
        projected_investment=projected_investment,
        projected_currency=projected_currency,
        is_demo=is_demo,
    )
    if owner is not None and not is_demo:

        def notify() -> None:
            with translation.override(owner.language):
                subject = _("New referral from %(partner)s") % {"partner": partner.name}
                body = render_to_string(
                    "pipeline/email/referral_received.txt",
                    {
                        "lead": lead,
                        "partner": partner,
                        "url": absolute_url("pipeline:lead_detail", language=owner.language, args=[lead.pk]),
                    },
                )
            _send(
                to=owner.email,
                subject=subject,
                body=body,
                language=owner.language,
                kind="referral_received",
                related=lead,
            )

        transaction.on_commit(notify)
    return lead


@transaction.atomic
def lead_move_to_stage(
    *, user: Any, lead_id: int, stage: str, expected_version: int, lost_reason: str = "", lost_note: str = ""
) -> Lead:
    """Move a lead to a stage if nobody changed it since `expected_version` (else StaleVersionError)."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    if stage == Stage.LOST and not lost_reason:
        raise ValidationError({"lost_reason": _("Say why the lead was lost.")})
    lead = Lead.objects.get(pk=lead_id)
    previous = lead.stage
    now = timezone.now()
    updated = Lead.objects.filter(pk=lead_id, version=expected_version).update(
        stage=stage,
        lost_reason=lost_reason if stage == Stage.LOST else "",
        lost_note=lost_note if stage == Stage.LOST else "",
        stage_changed_at=now,
        updated_at=now,
        version=F("version") + 1,
    )
    if updated == 0:
        raise StaleVersionError(
            _("Someone else changed this lead a moment ago. Reload it to see the change, then try again."),
            code="stale",
        )
    if previous != stage:
        LeadStageChange.objects.create(
            lead_id=lead_id, from_stage=previous, to_stage=stage, changed_by=user, changed_at=now
        )
    return Lead.objects.get(pk=lead_id)


LEAD_EDITABLE_FIELDS = (
    "title",
    "description",
    "owner_id",
    "projected_investment",
    "projected_currency",
    "realised_investment",
    "realised_currency",
    "projected_jobs",
    "realised_jobs",
    "uscc",
)


@transaction.atomic
def lead_update(*, user: Any, lead_id: int, expected_version: int, **changes: Any) -> Lead:
    """Change a lead's details with the same optimistic version check as stage moves."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    unknown = set(changes) - set(LEAD_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    if changes.get("uscc"):
        changes["uscc"] = _valid_uscc(changes["uscc"])
    for key in ("projected_currency", "realised_currency"):
        if key in changes:
            changes[key] = validate_currency(changes[key])
    if changes.get("owner_id") and not selectors.officers().filter(pk=changes["owner_id"]).exists():
        raise ValidationError({"owner": _("Choose an active officer.")})
    for key in ("projected_investment", "realised_investment"):
        if changes.get(key) is not None and changes[key] < 0:
            raise ValidationError({key: _("An amount cannot be negative.")})
    updated = Lead.objects.filter(pk=lead_id, version=expected_version).update(
        **changes, updated_at=timezone.now(), version=F("version") + 1
    )
    if updated == 0:
        if not Lead.objects.filter(pk=lead_id).exists():
            raise Lead.DoesNotExist
        raise StaleVersionError(
            _("Someone else changed this lead a moment ago. Reload it to see the change, then try again."),
            code="stale",
        )
    return Lead.objects.get(pk=lead_id)


@transaction.atomic
def activity_add(
    *, user: Any, lead_id: int, kind: str, subject: str, notes: str = "", occurred_at: datetime | None = None
) -> Activity:
    require_role(user, Role.OFFICER, Role.ADMIN)
    lead = Lead.objects.get(pk=lead_id)
    return Activity.objects.create(
        lead=lead,
        kind=kind,
        subject=subject.strip(),
        notes=notes,
        occurred_at=occurred_at or timezone.now(),
        author=user,
    )


@transaction.atomic
def task_create(
    *,
    user: Any,
    title: str,
    due_at: datetime,
    assignee_id: int | None = None,
    lead_id: int | None = None,
    remind_at: datetime | None = None,
) -> Task:
    require_role(user, Role.OFFICER, Role.ADMIN)
    assignee = selectors.officers().filter(pk=assignee_id).first() if assignee_id else user
    if assignee is None:
        raise ValidationError({"assignee": _("Choose an active officer.")})
    if remind_at is not None and remind_at > due_at:
        raise ValidationError({"remind_at": _("The reminder must come before the due time.")})
    return Task.objects.create(
        title=title.strip(), due_at=due_at, assignee=assignee, lead_id=lead_id, remind_at=remind_at
    )


@transaction.atomic
def task_complete(*, user: Any, task_id: int) -> Task:
    require_role(user, Role.OFFICER, Role.ADMIN)
    task = Task.objects.select_for_update().get(pk=task_id)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at", "updated_at"])
    return task


def task_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail each task's assignee once, in their language, when its reminder time has come."""
    now = now or timezone.now()
    sent = 0
    for task_id in list(selectors.tasks_due_for_reminder(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            task = (
                Task.objects.select_for_update(of=("self",))
                .select_related("assignee", "lead")
                .filter(pk=task_id, reminded_at__isnull=True, done_at__isnull=True)
                .first()
            )
            if task is None:
                continue
            with translation.override(task.assignee.language):
                subject = _("Reminder: %(task)s") % {"task": task.title}
                body = _render_for(task.assignee, "pipeline/email/task_reminder.txt", {"task": task})
            task.reminded_at = now
            task.save(update_fields=["reminded_at"])
            _send(
                to=task.assignee.email,
                subject=subject,
                body=body,
                language=task.assignee.language,
                kind="task_reminder",
                related=task,
            )
            sent += 1
    return sent


# --- company set-up cases -------------------------------------------------------------------------------


def _set_translated(instance: Any, field: str, values: dict[str, str]) -> None:
    for language, suffix in LANGUAGE_FIELD_SUFFIX.items():
        setattr(instance, f"{field}_{suffix}", (values.get(language) or "").strip())
    if not any(values.values()):
        raise ValidationError({field: _("Write it in at least one language.")})


@transaction.atomic
def setup_template_create(*, user: Any, kind: str, names: dict[str, str]) -> SetupTemplate:
    require_role(user, Role.OFFICER, Role.ADMIN)
    template = SetupTemplate(kind=kind)
    _set_translated(template, "name", names)
    template.save()
    return template


@transaction.atomic
def setup_template_step_add(
    *, user: Any, template_id: int, titles: dict[str, str], is_document: bool = False, days: int = 7
) -> SetupTemplateStep:
    require_role(user, Role.OFFICER, Role.ADMIN)
    template = SetupTemplate.objects.select_for_update().get(pk=template_id)
    last = template.steps.order_by("-order").first()
    step = SetupTemplateStep(
        template=template, order=(last.order + 1) if last else 1, is_document=is_document, days=days
    )
    _set_translated(step, "title", titles)
    step.save()
    return step


@transaction.atomic
def setup_template_step_delete(*, user: Any, step_id: int) -> None:
    require_role(user, Role.OFFICER, Role.ADMIN)
    SetupTemplateStep.objects.filter(pk=step_id).delete()


@transaction.atomic
def setup_case_start(
    *,
    user: Any,
    kind: str,
    organization_id: int,
    responsible_id: int,
    started_on: date | None = None,
    lead_id: int | None = None,
    template_id: int | None = None,
    is_demo: bool = False,
) -> SetupCase:
    """Open a case and copy the checklist of the template (the kind's active template unless one is named)."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    responsible = selectors.officers().filter(pk=responsible_id).first()
    if responsible is None:
        raise ValidationError({"responsible": _("Choose an active officer.")})
    template = (
        SetupTemplate.objects.filter(pk=template_id).first()
        if template_id
        else selectors.setup_template_for(kind)
    )
    if template is not None and template.kind != kind:
        raise ValidationError({"template": _("The checklist is for another kind of set-up.")})
    started = started_on or timezone.localdate()
    case = SetupCase.objects.create(
        kind=kind,
        organization_id=organization_id,
        responsible=responsible,
        lead_id=lead_id,
        started_on=started,
        is_demo=is_demo,
    )
    last_due = started
    if template is not None:
        for template_step in template.steps.all():
            due = started + timedelta(days=template_step.days)
            last_due = max(last_due, due)
            step = SetupCaseStep(
                case=case, order=template_step.order, is_document=template_step.is_document, due_on=due
            )
            for suffix in LANGUAGE_FIELD_SUFFIX.values():
                setattr(step, f"title_{suffix}", getattr(template_step, f"title_{suffix}"))
            step.save()
    case.due_on = last_due
    case.save(update_fields=["due_on"])
    return case


@transaction.atomic
def setup_case_step_set_status(*, user: Any, step_id: int, status: str, note: str = "") -> SetupCaseStep:
    require_role(user, Role.OFFICER, Role.ADMIN)
    if status not in StepStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    step = SetupCaseStep.objects.select_for_update(of=("self",)).select_related("case").get(pk=step_id)
    if step.case.status != SetupCaseStatus.IN_PROGRESS:
        raise ValidationError(_("This case is closed."))
    step.status = status
    step.done_on = timezone.localdate() if status == StepStatus.DONE else None
    if note:
        step.note = note
    step.save(update_fields=["status", "done_on", "note"])
    return step


@transaction.atomic
def setup_case_link_company(*, user: Any, case_id: int, uscc: str) -> SetupCase:
    require_role(user, Role.OFFICER, Role.ADMIN)
    case = SetupCase.objects.select_for_update().get(pk=case_id)
    case.uscc = _valid_uscc(uscc)
    case.save(update_fields=["uscc", "updated_at"])
    if case.lead_id:
        Lead.objects.filter(pk=case.lead_id, uscc="").update(uscc=case.uscc, version=F("version") + 1)
    return case


@transaction.atomic
def setup_case_complete(*, user: Any, case_id: int) -> SetupCase:
    require_role(user, Role.OFFICER, Role.ADMIN)
    case = SetupCase.objects.select_for_update().get(pk=case_id)
    if case.steps.filter(status=StepStatus.TODO).exists():
        raise ValidationError(_("Finish or mark as not needed every step first."))
    case.status = SetupCaseStatus.COMPLETED
    case.completed_on = timezone.localdate()
    case.save(update_fields=["status", "completed_on", "updated_at"])
    return case


# --- daily digests --------------------------------------------------------------------------------------


def digest_send(*, user_id: int, day: date, now: datetime | None = None) -> DigestSend | None:
    """Send the user's digest for the day in their language and record it; once a day at most, and nothing
    when there is nothing to report. The record is written first, so two workers never send it twice."""
    from investbridge.pipeline import notifications

    user = get_user_model().objects.get(pk=user_id)
    now = now or timezone.now()
    digest = notifications.digest_for(user, now=now)
    if not digest.item_count:
        return None
    with translation.override(user.language):
        subject = _("InvestBridge: %(count)s items need your attention") % {"count": digest.item_count}
        body = _render_for(
            user,
            "pipeline/email/digest.txt",
            {"digest": digest, "user": user, "site_url": settings.SITE_URL, "day": day},
        )
    try:
        with transaction.atomic():
            record = DigestSend.objects.create(
                user=user,
                day=day,
                language=user.language,
                item_count=digest.item_count,
                subject=subject,
                sent_at=now,
            )
            _send(to=user.email, subject=subject, body=body, language=user.language, kind="digest")
    except IntegrityError:
        return None
    return record


# --- expressions of interest from the region page -------------------------------------------------------


def expressions_of_interest_route(*, user: Any = None) -> int:
    """Turn the region's new expressions of interest into inquiries (each once) and mark them routed.

    The region already acknowledged them, so no second acknowledgement is sent; the reply clock starts when the
    visitor expressed interest. Returns the number routed."""
    if user is not None:
        require_role(user, Role.OFFICER, Role.ADMIN)
    routed = 0
    for expression in list(region_selectors.expression_of_interest_list(status="new")):
        if _expression_of_interest_route_one(expression, user=user) is not None:
            routed += 1
    return routed


def expression_of_interest_route(*, expression_id: int) -> Inquiry | None:
    """Route one new expression of interest into an inquiry, without an officer (the task queued when it is
    recorded, see pipeline/apps.py). Returns the inquiry, or None when it was routed already or is gone."""
    expression = region_selectors.expression_of_interest_list(status="new").filter(pk=expression_id).first()
    if expression is None:
        return None
    return _expression_of_interest_route_one(expression, user=None)


def _expression_of_interest_route_one(expression: Any, *, user: Any) -> Inquiry | None:
    try:
        with transaction.atomic():
            reference = str(expression.pk)
            inquiry = Inquiry.objects.filter(
                channel=InquiryChannel.EXPRESSION_OF_INTEREST, source_reference=reference
            ).first()
            if inquiry is None:
                inquiry = inquiry_create(
                    company_name=expression.organization_name or expression.name,
                    contact_name=expression.name,
                    email=expression.email,
                    country=expression.country,
                    sector_codes=[sector.code for sector in expression.sectors.all()],
                    cooperation_kind=CooperationKind.OTHER,
                    message=expression.message,
                    language=expression.language,
                    consent=expression.consent,
                    channel=InquiryChannel.EXPRESSION_OF_INTEREST,
                    source_reference=reference,
                    received_at=expression.created_at,
                    is_demo=expression.is_demo,
                    acknowledge=False,
                )
            region_services.expression_of_interest_mark_routed(
                expression=expression, reference=f"pipeline inquiry {inquiry.pk}", user=user
            )
    except (ValidationError, IntegrityError):
        return None  # routed meanwhile by someone else, or without consent: leave it to the region page
    return inquiry


# --- reply templates ------------------------------------------------------------------------------------


@transaction.atomic
def reply_template_save(
    *,
    user: Any,
    template_id: int | None = None,
    names: dict[str, str],
    subjects: dict[str, str],
    bodies: dict[str, str],
    is_active: bool = True,
    order: int = 0,
) -> ReplyTemplate:
    """Create a reply template (`template_id` None) or change one: name, subject and text per language."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if template_id is None:
        template = ReplyTemplate()
    else:
        template = ReplyTemplate.objects.select_for_update().get(pk=template_id)
    trilingual.set_translated(template, "name", names)
    trilingual.set_translated(template, "subject", subjects)
    trilingual.set_translated(template, "body", bodies)
    for field in ("name", "subject", "body"):
        trilingual.require_one_language(template, field)
    template.is_active = is_active
    template.order = order
    template.save()
    return template
