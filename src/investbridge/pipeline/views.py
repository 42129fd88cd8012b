"""Pages of the pipeline: the public inquiry form, and for officers inquiries, leads and their board, tasks,
set-up cases with their checklist templates, and the reports."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investbridge.core import inbound, limits, trilingual
from investbridge.core.forms import add_service_error
from investbridge.core.models import InboundAttachment
from investbridge.core.permissions import public_view, staff_required
from investbridge.pipeline import attribution, exports, reports, selectors, services
from investbridge.pipeline.forms import (
    ActivityForm,
    AssignForm,
    AssignmentRuleForm,
    InquiryForm,
    LeadCreateForm,
    LeadEditForm,
    LeadMoveForm,
    MailAssignForm,
    ReplyForm,
    ReplyTemplateForm,
    ReplyTemplatePickForm,
    ReportMonthForm,
    SetupCaseForm,
    StepStatusForm,
    TaskForm,
    TemplateForm,
    TemplateStepForm,
    UsccForm,
)
from investbridge.pipeline.models import (
    OPEN_STAGES,
    Inquiry,
    InquiryStatus,
    Lead,
    LeadSource,
    ReplyTemplate,
    SetupCase,
    SetupCaseStep,
    SetupTemplate,
    SetupTemplateStep,
    Stage,
    StepStatus,
    Task,
)


def _message_for(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- inquiries ------------------------------------------------------------------------------------------


@public_view
def inquiry_create(request: HttpRequest) -> HttpResponse:
    form = InquiryForm(request.POST or None)
    if request.method == "POST":
        verdict = limits.form_over_limit(
            request, form, scope="pipeline_inquiry", rate=str(settings.PIPELINE_INQUIRY_RATE)
        )
        if verdict is not None:
            return limits.refused(render(request, "pipeline/inquiry_form.html", {"form": form}), verdict)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Over the cap on mails to this address (INVESTBRIDGE_MAIL_RECIPIENT_RATE) no mail goes to it (neither the
        # acknowledgement nor the directory's confirmation link); the answer is the same.
        mail_allowed = limits.recipient_allowed(data["email"])
        try:
            with limits.mail_held_back(data["email"], hold=not mail_allowed):
                services.inquiry_create(
                    company_name=data["company_name"],
                    contact_name=data["contact_name"],
                    email=data["email"],
                    phone=data["phone"],
                    country=data["country"],
                    sector_codes=[sector.code for sector in data["sectors"]],
                    cooperation_kind=data["cooperation_kind"],
                    investment_range=data["investment_range"],
                    message=data["message"],
                    language=data["language"],
                    consent=data["consent"],
                    acknowledge=mail_allowed,
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("pipeline:inquiry_thanks")
    return render(request, "pipeline/inquiry_form.html", {"form": form})


@public_view
def inquiry_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "pipeline/inquiry_thanks.html")


@staff_required
def inquiry_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in {"", "overdue", *InquiryStatus.values}:
        status = ""
    mine = request.GET.get("mine") == "1"
    inquiries = list(selectors.inquiry_list_for(request.user, status=status, mine=mine)[:200])
    now = timezone.now()
    rows = [(inquiry, selectors.inquiry_sla_state(inquiry, now)) for inquiry in inquiries]
    return render(
        request,
        "pipeline/inquiry_list.html",
        {"rows": rows, "status": status, "mine": mine, "statuses": InquiryStatus.choices},
    )


def _inquiry_or_404(request: HttpRequest, pk: int) -> Inquiry:
    try:
        return selectors.inquiry_list_for(request.user).prefetch_related("replies__author").get(pk=pk)
    except Inquiry.DoesNotExist as error:
        raise Http404 from error


@staff_required
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The inquiry with its conversation; `?template=<id>&language=<code>` starts the answer from a reply
    template in that language (the inquirer's by default), for the officer to edit before sending."""
    inquiry = _inquiry_or_404(request, pk)
    initial = {"language": inquiry.language}
    pick_form = ReplyTemplatePickForm(request.GET if "template" in request.GET else None)
    if pick_form.is_bound and pick_form.is_valid():
        language = pick_form.cleaned_data["language"]
        subject, body = selectors.reply_template_text(pick_form.cleaned_data["template"], language)
        initial = {"language": language, "subject": subject, "body": body}
    elif not pick_form.is_bound:
        pick_form = ReplyTemplatePickForm(initial={"language": inquiry.language})
    return _render_inquiry(request, inquiry, ReplyForm(initial=initial), pick_form=pick_form)


def _render_inquiry(
    request: HttpRequest,
    inquiry: Inquiry,
    reply_form: ReplyForm,
    status: int = 200,
    pick_form: ReplyTemplatePickForm | None = None,
) -> HttpResponse:
    lead = Lead.objects.filter(inquiry=inquiry).first()
    return render(
        request,
        "pipeline/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "sla": selectors.inquiry_sla_state(inquiry),
            "first_reply_hours": selectors.inquiry_first_reply_hours(inquiry),
            "reply_form": reply_form,
            "pick_form": pick_form or ReplyTemplatePickForm(initial={"language": inquiry.language}),
            "conversation": selectors.inquiry_conversation(inquiry),
            "assign_form": AssignForm(initial={"officer": inquiry.assigned_to_id}),
            "lead": lead,
        },
        status=status,
    )


@staff_required
@require_POST
def inquiry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.inquiry_reply(user=request.user, inquiry_id=inquiry.pk, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect("pipeline:inquiry_detail", pk=inquiry.pk)
    return _render_inquiry(request, inquiry, form, status=400)


@staff_required
@require_POST
def inquiry_assign(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        services.inquiry_update(
            user=request.user, inquiry_id=inquiry.pk, assigned_to_id=form.cleaned_data["officer"].pk
        )
        messages.success(request, _("The inquiry has been assigned."))
    else:
        messages.error(request, _("Choose an active officer."))
    return redirect("pipeline:inquiry_detail", pk=inquiry.pk)


@staff_required
@require_POST
def inquiry_close(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    services.inquiry_update(user=request.user, inquiry_id=inquiry.pk, status=InquiryStatus.CLOSED)
    messages.success(request, _("The inquiry has been closed."))
    return redirect("pipeline:inquiry_detail", pk=inquiry.pk)


@staff_required
@require_POST
def inquiry_convert(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    lead = services.inquiry_convert_to_lead(user=request.user, inquiry_id=inquiry.pk)
    messages.success(request, _("A lead has been opened from the inquiry."))
    return redirect("pipeline:lead_detail", pk=lead.pk)


@staff_required
def inquiry_report(request: HttpRequest) -> HttpResponseBase:
    form = ReportMonthForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "pipeline/inquiry_report.html", {"form": form, "report": None}, status=400)
    if not request.GET:
        form = ReportMonthForm({})
        form.is_valid()
    year, month = form.year_month()
    report = selectors.inquiry_handling_report(year=year, month=month)
    export_format = form.cleaned_data.get("format") or "html"
    if export_format == "csv":
        return exports.inquiry_report_csv(report)
    if export_format == "xlsx":
        return exports.inquiry_report_xlsx(report)
    return render(
        request,
        "pipeline/inquiry_report.html",
        {"form": form, "report": report, "month": f"{year:04d}-{month:02d}"},
    )


@staff_required
def assignment_rules(request: HttpRequest) -> HttpResponse:
    form = AssignmentRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.assignment_rule_create(
            user=request.user,
            officer_id=data["officer"].pk,
            language=data["language"],
            sector_code=data["sector"].code if data["sector"] else "",
            priority=data["priority"],
        )
        messages.success(request, _("The rule has been added."))
        return redirect("pipeline:assignment_rules")
    return render(
        request,
        "pipeline/assignment_rules.html",
        {"form": form, "rules": selectors.assignment_rules()},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def assignment_rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.assignment_rule_delete(user=request.user, rule_id=pk)
    messages.success(request, _("The rule has been removed."))
    return redirect("pipeline:assignment_rules")


@staff_required
@require_POST
def expressions_route(request: HttpRequest) -> HttpResponse:
    try:
        count = services.expressions_of_interest_route(user=request.user)
    except ValidationError as error:
        messages.error(request, _message_for(error))
    else:
        messages.success(request, _("%(count)s expressions of interest became inquiries.") % {"count": count})
    return redirect("pipeline:inquiry_list")


# --- leads ----------------------------------------------------------------------------------------------


@staff_required
def lead_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    source = request.GET.get("source", "")
    query = request.GET.get("q", "").strip()
    leads = selectors.lead_list_for(
        request.user,
        stage=stage if stage in Stage.values else "",
        source=source if source in LeadSource.values else "",
        query=query,
    )[:300]
    return render(
        request,
        "pipeline/lead_list.html",
        {
            "leads": leads,
            "stage": stage,
            "source": source,
            "q": query,
            "stages": Stage.choices,
            "sources": LeadSource.choices,
        },
    )


def _board_context(request: HttpRequest, error: str = "") -> dict[str, Any]:
    return {"columns": selectors.lead_board(request.user), "board_error": error, "open_stages": OPEN_STAGES}


@staff_required
def lead_board(request: HttpRequest) -> HttpResponse:
    return render(request, "pipeline/lead_board.html", _board_context(request))


@staff_required
def lead_create(request: HttpRequest) -> HttpResponse:
    form = LeadCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lead = services.lead_create(
                user=request.user,
                title=data["title"],
                company_name=data["company_name"],
                country=data["country"],
                language=data["language"],
                source=data["source"],
                source_event_id=data["source_event_id"],
                source_partner_id=data["source_partner"].pk if data["source_partner"] else None,
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                description=data["description"],
                projected_investment=data["projected_investment"],
                projected_currency=data["projected_currency"],
                projected_jobs=data["projected_jobs"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The lead has been created."))
            return redirect("pipeline:lead_detail", pk=lead.pk)
    return render(request, "pipeline/lead_form.html", {"form": form}, status=400 if form.errors else 200)


def _lead_or_404(request: HttpRequest, pk: int) -> Lead:
    try:
        return selectors.lead_detail_for(request.user, pk)
    except Lead.DoesNotExist as error:
        raise Http404 from error


@staff_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead_or_404(request, pk)
    return _render_lead(request, lead)


def _render_lead(request: HttpRequest, lead: Lead, status: int = 200, **forms: Any) -> HttpResponse:
    person_ids = [person.pk for person in lead.people.all()]
    context = {
        "lead": lead,
        "history": selectors.lead_stage_history(lead),
        "activities": lead.activities.select_related("author"),
        "tasks": lead.tasks.select_related("assignee"),
        "cases": lead.setup_cases.all(),
        "move_form": forms.get("move_form")
        or LeadMoveForm(initial={"version": lead.version, "stage": lead.stage}),
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "task_form": forms.get("task_form") or TaskForm(),
        "events": attribution.events_attended_by(person_ids),
        "events_available": attribution.events_available(),
        "entity": attribution.registered_entity(lead.uscc) if lead.uscc else None,
        "registry_available": attribution.registry_available(),
        "source_event": lead.source_event,
        "conversation": selectors.lead_conversation(lead),
    }
    return render(request, "pipeline/lead_detail.html", context, status=status)


@staff_required
def lead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead_or_404(request, pk)
    form = LeadEditForm(request.POST) if request.method == "POST" else LeadEditForm.for_lead(lead)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_update(
                user=request.user,
                lead_id=lead.pk,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The lead has been saved."))
            return redirect("pipeline:lead_detail", pk=lead.pk)
    return render(
        request, "pipeline/lead_edit.html", {"form": form, "lead": lead}, status=400 if form.errors else 200
    )


@staff_required
@require_POST
def lead_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a lead to another stage: from the board with htmx (the board is re-rendered) or from its page."""
    lead = _lead_or_404(request, pk)
    form = LeadMoveForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.lead_move_to_stage(
                user=request.user,
                lead_id=lead.pk,
                stage=form.cleaned_data["stage"],
                expected_version=form.cleaned_data["version"],
                lost_reason=form.cleaned_data["lost_reason"],
                lost_note=form.cleaned_data["lost_note"],
            )
        except ValidationError as exc:
            error = _message_for(exc)
    else:
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    if getattr(request, "htmx", False):
        return render(request, "pipeline/_board.html", _board_context(request, error))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The lead has moved to the new stage."))
    return redirect("pipeline:lead_detail", pk=lead.pk)


@staff_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead_or_404(request, pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        services.activity_add(user=request.user, lead_id=lead.pk, **form.cleaned_data)
        messages.success(request, _("The activity has been recorded."))
        return redirect("pipeline:lead_detail", pk=lead.pk)
    return _render_lead(request, lead, status=400, activity_form=form)


@staff_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead_or_404(request, pk)
    form = TaskForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.task_create(
            user=request.user,
            lead_id=lead.pk,
            title=data["title"],
            due_at=data["due_at"],
            remind_at=data["remind_at"],
            assignee_id=data["assignee"].pk if data["assignee"] else None,
        )
        messages.success(request, _("The task has been added."))
        return redirect("pipeline:lead_detail", pk=lead.pk)
    return _render_lead(request, lead, status=400, task_form=form)


@staff_required
def task_list(request: HttpRequest) -> HttpResponse:
    tasks = selectors.tasks_open_for(request.user)
    return render(request, "pipeline/task_list.html", {"tasks": tasks, "now": timezone.now()})


@staff_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    services.task_complete(user=request.user, task_id=task.pk)
    messages.success(request, _("The task is done."))
    next_url = request.POST.get("next") or ""
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("pipeline:task_list")


# --- set-up cases ---------------------------------------------------------------------------------------


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = SetupCaseForm(
        request.POST or None, initial={"lead": request.GET.get("lead"), "responsible": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.setup_case_start(
                user=request.user,
                kind=data["kind"],
                organization_id=data["lead"].organization_id,
                lead_id=data["lead"].pk,
                responsible_id=data["responsible"].pk,
                started_on=data["started_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The set-up case has been opened."))
            return redirect("pipeline:case_detail", pk=case.pk)
    return render(
        request,
        "pipeline/case_list.html",
        {"cases": selectors.setup_case_list(), "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(selectors.setup_case_list(), pk=pk)
    return render(
        request,
        "pipeline/case_detail.html",
        {
            "case": case,
            "steps": case.steps.all(),
            "step_statuses": StepStatus.choices,
            "uscc_form": UsccForm(initial={"uscc": case.uscc}),
            "entity": attribution.registered_entity(case.uscc) if case.uscc else None,
            "registry_available": attribution.registry_available(),
            "today": timezone.localdate(),
        },
    )


@staff_required
@require_POST
def case_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    step = get_object_or_404(SetupCaseStep, pk=step_pk, case_id=pk)
    form = StepStatusForm(request.POST)
    if form.is_valid():
        try:
            services.setup_case_step_set_status(user=request.user, step_id=step.pk, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _message_for(error))
    else:
        messages.error(request, _("Unknown status."))
    return redirect("pipeline:case_detail", pk=pk)


@staff_required
@require_POST
def case_uscc(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(SetupCase, pk=pk)
    form = UsccForm(request.POST)
    if form.is_valid():
        services.setup_case_link_company(user=request.user, case_id=case.pk, uscc=form.cleaned_data["uscc"])
        messages.success(request, _("The registered company has been linked."))
    else:
        messages.error(request, " ".join(str(message) for message in form.errors["uscc"]))
    return redirect("pipeline:case_detail", pk=case.pk)


@staff_required
@require_POST
def case_complete(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(SetupCase, pk=pk)
    try:
        services.setup_case_complete(user=request.user, case_id=case.pk)
    except ValidationError as error:
        messages.error(request, _message_for(error))
    else:
        messages.success(request, _("The case is completed."))
    return redirect("pipeline:case_detail", pk=case.pk)


@staff_required
def template_list(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = services.setup_template_create(
            user=request.user, kind=form.cleaned_data["kind"], names=form.names()
        )
        messages.success(request, _("The checklist template has been created."))
        return redirect("pipeline:template_detail", pk=template.pk)
    return render(
        request,
        "pipeline/template_list.html",
        {"templates": selectors.setup_templates(), "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(SetupTemplate, pk=pk)
    form = TemplateStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.setup_template_step_add(
            user=request.user,
            template_id=template.pk,
            titles=form.titles(),
            is_document=form.cleaned_data["is_document"],
            days=form.cleaned_data["days"],
        )
        messages.success(request, _("The step has been added."))
        return redirect("pipeline:template_detail", pk=template.pk)
    return render(
        request,
        "pipeline/template_detail.html",
        {"template": template, "steps": template.steps.all(), "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def template_step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(SetupTemplateStep, pk=pk)
    services.setup_template_step_delete(user=request.user, step_id=step.pk)
    messages.success(request, _("The step has been removed."))
    return redirect("pipeline:template_detail", pk=step.template_id)


# --- reports --------------------------------------------------------------------------------------------


@staff_required
def conversion_report(request: HttpRequest) -> HttpResponseBase:
    report = reports.conversion_report()
    if request.GET.get("format") == "csv":
        return exports.conversion_report_csv(report)
    return render(request, "pipeline/conversion_report.html", {"report": report})


# --- reply templates and received mail ------------------------------------------------------------------


@staff_required
def reply_template_list(request: HttpRequest) -> HttpResponse:
    form = ReplyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_template_save(user=request.user, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The reply template has been saved."))
            return redirect("pipeline:reply_template_list")
    return render(
        request,
        "pipeline/reply_template_list.html",
        {"templates": selectors.reply_templates(), "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def reply_template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    initial = {
        **trilingual.per_language_values(template, ("name", "subject", "body")),
        "is_active": template.is_active,
        "order": template.order,
    }
    form = ReplyTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_template_save(user=request.user, template_id=template.pk, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The reply template has been saved."))
            return redirect("pipeline:reply_template_list")
    return render(
        request,
        "pipeline/reply_template_edit.html",
        {"template": template, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def unmatched_mail(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pipeline/unmatched_mail.html",
        {"mails": selectors.unmatched_mail(), "form": MailAssignForm()},
    )


@staff_required
@require_POST
def unmatched_mail_assign(request: HttpRequest, pk: int) -> HttpResponse:
    form = MailAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an inquiry or a lead by its number."))
        return redirect("pipeline:unmatched_mail")
    number = form.cleaned_data["number"]
    if form.cleaned_data["target"] == "inquiry":
        related: Any = selectors.inquiry_list_for(request.user).filter(pk=number).first()
    else:
        related = selectors.leads_visible_to(request.user).filter(pk=number).first()
    if related is None:
        messages.error(request, _("There is no inquiry or lead with this number."))
        return redirect("pipeline:unmatched_mail")
    try:
        inbound.inbound_mail_assign(user=request.user, mail_id=pk, related=related)
    except ValidationError as error:
        messages.error(request, _message_for(error))
        return redirect("pipeline:unmatched_mail")
    messages.success(request, _("The mail has been recorded in the conversation."))
    if isinstance(related, Lead):
        return redirect("pipeline:lead_detail", pk=related.pk)
    return redirect("pipeline:inquiry_detail", pk=related.pk)


@staff_required
def mail_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A stored attachment of a received mail, as a download (never shown inline)."""
    attachment = get_object_or_404(InboundAttachment.objects.exclude(file=""), pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)
