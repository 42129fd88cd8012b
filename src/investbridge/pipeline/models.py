"""Models of the pipeline domain: inquiries and their service-level clock, leads, activities, tasks,
company set-up cases with their checklist templates, and the record of every digest sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from investbridge.core.models import TimeStampedModel


class CooperationKind(models.TextChoices):
    INVESTMENT = "investment", _("Direct investment")
    TRADE = "trade", _("Trade and distribution")
    REPRESENTATIVE_OFFICE = "representative_office", _("Opening a representative office")
    JOINT_VENTURE = "joint_venture", _("Joint venture with a local partner")
    TECHNOLOGY = "technology", _("Technology and research cooperation")
    OTHER = "other", pgettext_lazy("cooperation kind", "Other")


class InvestmentRange(models.TextChoices):
    UNDER_1M = "under_1m", _("Under 1 million US dollars")
    FROM_1M_TO_10M = "1m_10m", _("1 to 10 million US dollars")
    FROM_10M_TO_50M = "10m_50m", _("10 to 50 million US dollars")
    OVER_50M = "over_50m", _("Over 50 million US dollars")
    UNKNOWN = "unknown", _("Not decided yet")


class InquiryStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("inquiry status", "New")
    ANSWERED = "answered", pgettext_lazy("inquiry status", "Answered")
    CONVERTED = "converted", _("Turned into a lead")
    CLOSED = "closed", pgettext_lazy("inquiry status", "Closed")


class InquiryChannel(models.TextChoices):
    WEB_FORM = "web_form", _("Web form")
    API = "api", _("API")
    EXPRESSION_OF_INTEREST = "expression_of_interest", _("Expression of interest on the region page")
    OFFICER = "officer", _("Entered by an officer")


class AssignmentRule(TimeStampedModel):
    """Inquiries in this language and/or sector go to this officer; the lowest priority number wins."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    sector = models.ForeignKey(
        "directory.Sector", verbose_name=_("sector"), on_delete=models.CASCADE, null=True, blank=True
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="inquiry_assignment_rules",
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=10)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")

    def __str__(self) -> str:
        return f"{self.language or '*'} / {self.sector_id or '*'} → {self.officer}"


class AssignmentCursor(models.Model):
    """The round-robin position: the last officer who received an inquiry in turn (one row, locked)."""

    key = models.CharField(max_length=32, unique=True)
    last_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.key


class Inquiry(TimeStampedModel):
    company_name = models.CharField(_("company"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    country = models.CharField(_("country"), max_length=2)
    sectors = models.ManyToManyField("directory.Sector", verbose_name=_("sectors"), blank=True)
    cooperation_kind = models.CharField(
        _("kind of cooperation"), max_length=32, choices=CooperationKind.choices
    )
    investment_range = models.CharField(
        _("investment size"), max_length=16, choices=InvestmentRange.choices, default=InvestmentRange.UNKNOWN
    )
    message = models.TextField(_("message"))
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES)
    consent = models.BooleanField(_("consent to be contacted"), default=False)
    channel = models.CharField(
        _("channel"), max_length=32, choices=InquiryChannel.choices, default=InquiryChannel.WEB_FORM
    )
    source_reference = models.CharField(_("source reference"), max_length=64, blank=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    received_at = models.DateTimeField(_("received"))
    reply_due_at = models.DateTimeField(_("reply due"))
    first_reply_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    first_reply_language = models.CharField(
        _("language of the first reply"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    acknowledged_at = models.DateTimeField(_("acknowledgement sent"), null=True, blank=True)
    overdue_warned_at = models.DateTimeField(_("overdue warning sent"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [models.Index(fields=["received_at"]), models.Index(fields=["status", "reply_due_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "source_reference"],
                condition=~Q(source_reference=""),
                name="pipeline_inquiry_unique_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.received_at:%Y-%m-%d})"


class InquiryReply(models.Model):
    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return self.subject


class ReplyTemplate(TimeStampedModel):
    """A reply an officer starts from when answering an inquiry ("documents received", "meeting proposal"), with
    its subject and text in each language; the inquirer's language is offered first."""

    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    INQUIRY = "inquiry", pgettext_lazy("lead stage", "Inquiry")
    QUALIFIED = "qualified", pgettext_lazy("lead stage", "Qualified")
    ENGAGED = "engaged", pgettext_lazy("lead stage", "Engaged")
    DECISION = "decision", pgettext_lazy("lead stage", "Decision")
    ESTABLISHED = "established", pgettext_lazy("lead stage", "Established")
    AFTERCARE = "aftercare", pgettext_lazy("lead stage", "Aftercare")
    LOST = "lost", pgettext_lazy("lead stage", "Lost")


#: The stages of the board, in order (lost is shown apart).
OPEN_STAGES = [
    Stage.INQUIRY,
    Stage.QUALIFIED,
    Stage.ENGAGED,
    Stage.DECISION,
    Stage.ESTABLISHED,
    Stage.AFTERCARE,
]


class LeadSource(models.TextChoices):
    EVENT = "event", _("Event")
    PARTNER = "partner", _("Partner referral")
    INQUIRY = "inquiry", pgettext_lazy("lead source", "Inquiry")
    DIRECT = "direct", _("Direct contact")


class LostReason(models.TextChoices):
    NO_RESPONSE = "no_response", _("No response from the investor")
    OTHER_LOCATION = "other_location", _("Chose another location")
    PROJECT_CANCELLED = "project_cancelled", _("Project cancelled")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    OTHER = "other", pgettext_lazy("lost reason", "Other")


class Lead(TimeStampedModel):
    title = models.CharField(_("title"), max_length=300)
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("company"), on_delete=models.PROTECT, related_name="leads"
    )
    people = models.ManyToManyField(
        "directory.Person", verbose_name=_("contacts"), blank=True, related_name="leads"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.INQUIRY)
    lost_reason = models.CharField(_("reason lost"), max_length=32, choices=LostReason.choices, blank=True)
    lost_note = models.CharField(_("note on the loss"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_leads",
    )
    source = models.CharField(
        _("source"), max_length=16, choices=LeadSource.choices, default=LeadSource.DIRECT
    )
    # PROTECT: the lead's origin is part of the conversion report's history; an event that leads came from is
    # archived (EventStatus.ARCHIVED), not deleted.
    source_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("source event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sourced_leads",
    )
    source_partner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("referring partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_leads",
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_leads",
    )
    inquiry = models.OneToOneField(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead",
    )
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        "directory.Sector", verbose_name=_("sectors"), blank=True, related_name="+"
    )
    projected_investment = models.DecimalField(
        _("projected investment"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    projected_currency = models.CharField(_("currency of the projection"), max_length=3, default="USD")
    realised_investment = models.DecimalField(
        _("realised investment"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    realised_currency = models.CharField(
        _("currency of the realised investment"), max_length=3, default="USD"
    )
    projected_jobs = models.PositiveIntegerField(_("projected jobs"), null=True, blank=True)
    realised_jobs = models.PositiveIntegerField(_("realised jobs"), null=True, blank=True)
    uscc = models.CharField(
        _("Unified Social Credit Code"),
        max_length=18,
        blank=True,
        help_text=_("Of the company registered in the region, once it exists."),
    )
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage="lost") | ~Q(lost_reason=""), name="pipeline_lead_lost_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(source="partner") | Q(source_partner__isnull=False),
                name="pipeline_lead_partner_source_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LeadStageChange(models.Model):
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.from_stage} → {self.to_stage}"


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", pgettext_lazy("activity kind", "E-mail")
    SITE_VISIT = "site_visit", _("Site visit")
    NOTE = "note", _("Note")


class Activity(TimeStampedModel):
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    subject = models.CharField(_("subject"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.subject


class Task(TimeStampedModel):
    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="tasks", null=True, blank=True
    )
    title = models.CharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.CASCADE,
        related_name="pipeline_tasks",
    )
    due_at = models.DateTimeField(_("due"))
    remind_at = models.DateTimeField(_("reminder"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class SetupKind(models.TextChoices):
    REPRESENTATIVE_OFFICE = "representative_office", _("Representative office")
    WFOE = "wfoe", _("Wholly foreign-owned enterprise")
    JOINT_VENTURE = "joint_venture", _("Joint venture")


class SetupTemplate(TimeStampedModel):
    """A checklist officers keep for one kind of set-up; new cases copy its steps."""

    kind = models.CharField(_("kind"), max_length=32, choices=SetupKind.choices)
    name = models.CharField(_("name"), max_length=200)  # translated: name_ru, name_zh_hans, name_en
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("set-up checklist template")
        verbose_name_plural = _("set-up checklist templates")

    def __str__(self) -> str:
        return self.name or ""


class SetupTemplateStep(models.Model):
    template = models.ForeignKey(SetupTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("step"), max_length=300)  # translated
    is_document = models.BooleanField(_("a document to obtain"), default=False)
    days = models.PositiveSmallIntegerField(
        _("days from the start"), default=7, help_text=_("Sets the step's due date when a case starts.")
    )

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")

    def __str__(self) -> str:
        return self.title or ""


class SetupCaseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class SetupCase(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=32, choices=SetupKind.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="setup_cases",
    )
    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="setup_cases",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.PROTECT,
        related_name="setup_cases",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SetupCaseStatus.choices, default=SetupCaseStatus.IN_PROGRESS
    )
    started_on = models.DateField(_("started"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    uscc = models.CharField(_("Unified Social Credit Code"), max_length=18, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("company set-up case")
        verbose_name_plural = _("company set-up cases")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.organization}"


class StepStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DONE = "done", pgettext_lazy("step status", "Done")
    NOT_NEEDED = "not_needed", _("Not needed")


class SetupCaseStep(models.Model):
    case = models.ForeignKey(SetupCase, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("step"), max_length=300)  # translated, copied from the template
    is_document = models.BooleanField(_("a document to obtain"), default=False)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.TODO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "order", "id"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return self.title or ""


class DigestSend(models.Model):
    """One daily digest e-mail: to whom, for which day, in which language, with how many items."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends")
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=8)
    item_count = models.PositiveIntegerField(_("items"))
    subject = models.CharField(_("subject"), max_length=200)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="pipeline_digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
