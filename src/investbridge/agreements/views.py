"""Pages of agreements and the partner portal. Officers and partner staff share the agreement and obligation
pages; the selectors scope every object by the user, so another partner's object answers 404."""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investbridge.agreements import selectors, services
from investbridge.agreements.forms import (
    AgreementEditForm,
    AgreementForm,
    DocumentForm,
    EvidenceForm,
    ObligationForm,
    ObligationStatusForm,
    ReferralForm,
    VerifyForm,
    obligation_initial,
)
from investbridge.agreements.models import Agreement, Evidence, Obligation
from investbridge.core.forms import add_service_error
from investbridge.core.permissions import role_required, staff_required
from investbridge.core.roles import Role
from investbridge.pipeline import selectors as pipeline_selectors
from investbridge.pipeline import services as pipeline_services

officer_or_partner = role_required(Role.OFFICER, Role.ADMIN, Role.PARTNER)
partner_only = role_required(Role.PARTNER)


def _agreement_or_404(request: HttpRequest, pk: int) -> Agreement:
    try:
        return selectors.agreement_detail_for(request.user, pk)
    except Agreement.DoesNotExist as error:
        raise Http404 from error


def _obligation_or_404(request: HttpRequest, pk: int) -> Obligation:
    try:
        return selectors.obligation_detail_for(request.user, pk)
    except Obligation.DoesNotExist as error:
        raise Http404 from error


@officer_or_partner
def agreement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "agreements/agreement_list.html", {"agreements": selectors.agreement_list_for(request.user)}
    )


@staff_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                user=request.user, document=form.cleaned_data["document"], **form.values()
            )
        except ValidationError as error:
            add_service_error(form, error, field="document")
        else:
            messages.success(request, _("The agreement has been recorded."))
            return redirect("agreements:agreement_detail", pk=agreement.pk)
    return render(
        request, "agreements/agreement_form.html", {"form": form}, status=400 if form.errors else 200
    )


@staff_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(request, pk)
    form = AgreementEditForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(user=request.user, agreement_id=agreement.pk, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The agreement has been corrected."))
            return redirect("agreements:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "agreements/agreement_edit.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


def _render_agreement(
    request: HttpRequest, agreement: Agreement, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "agreement": agreement,
        "obligations": agreement.obligations.all(),
        "verify_form": extra.get("verify_form") or VerifyForm(),
        "document_form": extra.get("document_form") or DocumentForm(),
        "verified": extra.get("verified"),
        "today": timezone.localdate(),
    }
    return render(request, "agreements/agreement_detail.html", context, status=status)


@officer_or_partner
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_agreement(request, _agreement_or_404(request, pk))


@officer_or_partner
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    agreement = _agreement_or_404(request, pk)
    if not agreement.document:
        raise Http404
    return FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=f"agreement-{agreement.pk}-{agreement.document_sha256[:12]}.pdf",
        content_type="application/pdf",
    )


@officer_or_partner
@require_POST
def agreement_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare a copy of the document with the stored fingerprint (or the stored file itself, without one)."""
    agreement = _agreement_or_404(request, pk)
    form = VerifyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            verified = services.agreement_document_verify(
                agreement=agreement, file=form.cleaned_data["document"]
            )
        except ValidationError as error:
            form.add_error("document", error)
        else:
            return _render_agreement(request, agreement, verified=verified)
    return _render_agreement(request, agreement, status=400, verify_form=form)


@staff_required
@require_POST
def agreement_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agreement_attach_document(
                user=request.user, agreement_id=agreement.pk, document=form.cleaned_data["document"]
            )
        except ValidationError as error:
            form.add_error("document", error)
        else:
            messages.success(request, _("The signed document has been stored."))
            return redirect("agreements:agreement_detail", pk=agreement.pk)
    return _render_agreement(request, agreement, status=400, document_form=form)


@staff_required
def obligation_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(request, pk)
    form = ObligationForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.obligation_create(user=request.user, agreement_id=agreement.pk, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The obligation has been added."))
            return redirect("agreements:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "agreements/obligation_form.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@staff_required
def obligation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = _obligation_or_404(request, pk)
    form = ObligationForm(
        request.POST or None, agreement=obligation.agreement, initial=obligation_initial(obligation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.obligation_update(user=request.user, obligation_id=obligation.pk, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The obligation has been corrected."))
            return redirect("agreements:obligation_detail", pk=obligation.pk)
    return render(
        request,
        "agreements/obligation_edit.html",
        {"form": form, "obligation": obligation},
        status=400 if form.errors else 200,
    )


@officer_or_partner
def obligation_overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "agreements/obligation_overview.html",
        {
            "overdue": selectors.obligations_overdue(request.user, today=today),
            "due_soon": selectors.obligations_due_between(
                request.user, start=today, end=today + timedelta(days=90)
            ),
            "all_obligations": selectors.obligations_visible_to(request.user),
            "today": today,
        },
    )


def _render_obligation(
    request: HttpRequest, obligation: Obligation, status: int = 200, **extra: Any
) -> HttpResponse:
    progress = None
    if obligation.target_count and obligation.kind == "referrals":
        start = obligation.due_on.replace(year=obligation.due_on.year - 1)
        progress = pipeline_selectors.referral_count(
            organization_id=obligation.owner_id, start=start, end=obligation.due_on
        )
    return render(
        request,
        "agreements/obligation_detail.html",
        {
            "obligation": obligation,
            "evidence_form": extra.get("evidence_form") or EvidenceForm(),
            "may_submit_evidence": selectors.may_submit_evidence(request.user, obligation),
            "status_form": ObligationStatusForm(initial={"status": obligation.status}),
            "progress": progress,
            "today": timezone.localdate(),
        },
        status=status,
    )


@officer_or_partner
def obligation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_obligation(request, _obligation_or_404(request, pk))


@officer_or_partner
@require_POST
def evidence_submit(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = _obligation_or_404(request, pk)
    if not selectors.may_submit_evidence(request.user, obligation):
        raise PermissionDenied(
            _("Only the organization that owns this obligation can submit evidence on it.")
        )
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_submit(user=request.user, obligation_id=obligation.pk, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, field="file")
        else:
            messages.success(request, _("Thank you, the evidence has been submitted."))
            return redirect("agreements:obligation_detail", pk=obligation.pk)
    return _render_obligation(request, obligation, status=400, evidence_form=form)


@officer_or_partner
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    try:
        evidence = Evidence.objects.get(pk=pk, obligation__in=selectors.obligations_visible_to(request.user))
    except Evidence.DoesNotExist as error:
        raise Http404 from error
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=f"evidence-{evidence.pk}.pdf")


@staff_required
@require_POST
def obligation_status(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = _obligation_or_404(request, pk)
    form = ObligationStatusForm(request.POST)
    if form.is_valid():
        services.obligation_set_status(
            user=request.user, obligation_id=obligation.pk, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Unknown status."))
    return redirect("agreements:obligation_detail", pk=obligation.pk)


# --- partner portal -------------------------------------------------------------------------------------


@partner_only
def portal(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "agreements/portal.html",
        {
            "organization": request.user.organization,  # type: ignore[union-attr]
            "agreements": selectors.agreement_list_for(request.user),
            "obligations": selectors.obligations_owned_by(request.user, open_only=True),
            "referrals": pipeline_selectors.leads_visible_to(request.user).select_related("organization")[
                :20
            ],
            "today": today,
        },
    )


@partner_only
def referral_list(request: HttpRequest) -> HttpResponse:
    referrals = pipeline_selectors.leads_visible_to(request.user).select_related(
        "organization", "referred_by"
    )
    return render(request, "agreements/referral_list.html", {"referrals": referrals})


@partner_only
def referral_create(request: HttpRequest) -> HttpResponse:
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lead = pipeline_services.lead_referral_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you, the company has been referred to the promotion office."))
            return redirect("agreements:referral_detail", pk=lead.pk)
    return render(
        request, "agreements/referral_form.html", {"form": form}, status=400 if form.errors else 200
    )


@partner_only
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        lead = pipeline_selectors.lead_detail_for(request.user, pk)
    except ObjectDoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "agreements/referral_detail.html",
        {"lead": lead, "history": pipeline_selectors.lead_stage_history(lead)},
    )
