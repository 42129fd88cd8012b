"""Writes of the agreements domain: agreements with their signed PDF and its SHA-256 fingerprint,
obligations and their status, and evidence submitted by partners or officers."""

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from investbridge.agreements import selectors
from investbridge.agreements.models import (
    Agreement,
    AgreementKind,
    Evidence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    SigningMethod,
)
from investbridge.core import mail
from investbridge.core.files import file_sha256
from investbridge.core.permissions import has_role, require_role
from investbridge.core.roles import Role
from investbridge.core.uploads import PDF, validate_upload
from investbridge.core.urls import absolute_url
from investbridge.directory.models import Organization

LANGUAGE_FIELD_SUFFIX = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}
#: A signed agreement or a piece of evidence is a PDF of at most this many bytes.
MAX_DOCUMENT_SIZE = 15 * 1024 * 1024


def _read_pdf(file: UploadedFile) -> tuple[bytes, str]:
    validate_upload(file, (PDF,), max_size=min(MAX_DOCUMENT_SIZE, settings.MAX_UPLOAD_SIZE))
    file.seek(0)
    data = file.read()
    return data, hashlib.sha256(data).hexdigest()


def _set_translated(instance: Any, field: str, values: dict[str, str], *, required: bool) -> None:
    for language, suffix in LANGUAGE_FIELD_SUFFIX.items():
        setattr(instance, f"{field}_{suffix}", (values.get(language) or "").strip())
    if required and not any((value or "").strip() for value in values.values()):
        raise ValidationError({field: _("Write it in at least one language.")})


@transaction.atomic
def agreement_create(
    *,
    user: Any,
    kind: str,
    titles: dict[str, str],
    party_ids: list[int],
    signed_on: date,
    signing_method: str,
    valid_from: date,
    valid_until: date | None = None,
    summaries: dict[str, str] | None = None,
    document: UploadedFile | None = None,
    is_demo: bool = False,
) -> Agreement:
    require_role(user, Role.OFFICER, Role.ADMIN)
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": _("Unknown type of agreement.")})
    if signing_method not in SigningMethod.values:
        raise ValidationError({"signing_method": _("Say how the agreement was signed.")})
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end of validity must not be before its start.")})
    parties = list(Organization.objects.filter(pk__in=party_ids, merged_into__isnull=True))
    if len(parties) < 2 or len(parties) != len(set(party_ids)):
        raise ValidationError({"parties": _("An agreement has at least two parties from the directory.")})
    agreement = Agreement(
        kind=kind,
        signed_on=signed_on,
        signing_method=signing_method,
        valid_from=valid_from,
        valid_until=valid_until,
        is_demo=is_demo,
    )
    _set_translated(agreement, "title", titles, required=True)
    _set_translated(agreement, "summary", summaries or {}, required=False)
    agreement.save()
    agreement.parties.set(parties)
    if document is not None:
        _store_document(agreement, document)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    user: Any,
    agreement_id: int,
    kind: str,
    titles: dict[str, str],
    party_ids: list[int],
    signed_on: date,
    signing_method: str,
    valid_from: date,
    valid_until: date | None = None,
    summaries: dict[str, str] | None = None,
) -> Agreement:
    """Correct an agreement's texts, parties and dates. Each language is written from its own value; the signed
    document and its fingerprint are never touched here; a party that owns obligations stays a party."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": _("Unknown type of agreement.")})
    if signing_method not in SigningMethod.values:
        raise ValidationError({"signing_method": _("Say how the agreement was signed.")})
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end of validity must not be before its start.")})
    current_ids = set(agreement.parties.values_list("pk", flat=True))
    wanted_ids = set(party_ids)
    # A party already on the agreement may since have been merged; it may stay, but none can be newly added.
    parties = list(
        Organization.objects.filter(pk__in=wanted_ids).filter(
            Q(merged_into__isnull=True) | Q(pk__in=current_ids)
        )
    )
    if len(parties) < 2 or len(parties) != len(wanted_ids):
        raise ValidationError({"parties": _("An agreement has at least two parties from the directory.")})
    removed = current_ids - wanted_ids
    owners = list(Organization.objects.filter(pk__in=removed, obligations__agreement=agreement).distinct())
    if owners:
        raise ValidationError(
            {
                "parties": _(
                    "%(parties)s cannot be removed: they own obligations under this agreement. "
                    "Give the obligations to another party first."
                )
                % {"parties": ", ".join(sorted(str(owner) for owner in owners))}
            }
        )
    agreement.kind = kind
    agreement.signed_on = signed_on
    agreement.signing_method = signing_method
    agreement.valid_from = valid_from
    agreement.valid_until = valid_until
    _set_translated(agreement, "title", titles, required=True)
    _set_translated(agreement, "summary", summaries or {}, required=False)
    fields = [
        f"{field}_{suffix}" for field in ("title", "summary") for suffix in LANGUAGE_FIELD_SUFFIX.values()
    ]
    agreement.save(
        update_fields=[
            *fields,
            "kind",
            "signed_on",
            "signing_method",
            "valid_from",
            "valid_until",
            "updated_at",
        ]
    )
    agreement.parties.set(parties)
    return agreement


def _store_document(agreement: Agreement, document: UploadedFile) -> None:
    data, fingerprint = _read_pdf(document)
    agreement.document_sha256 = fingerprint
    agreement.document_size = len(data)
    agreement.document.save(f"{fingerprint}.pdf", ContentFile(data), save=False)
    agreement.save(update_fields=["document", "document_sha256", "document_size", "updated_at"])


@transaction.atomic
def agreement_attach_document(*, user: Any, agreement_id: int, document: UploadedFile) -> Agreement:
    """Store the signed PDF and its fingerprint; a signed document, once stored, is never replaced."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    if agreement.document_sha256:
        raise ValidationError(_("The signed document is already stored; it cannot be replaced."))
    _store_document(agreement, document)
    return agreement


def agreement_document_verify(*, agreement: Agreement, file: UploadedFile | None = None) -> bool:
    """True when the file (or, without one, the stored document itself) has the recorded fingerprint."""
    if not agreement.document_sha256:
        return False
    if file is not None:
        validate_upload(file, (PDF,), max_size=min(MAX_DOCUMENT_SIZE, settings.MAX_UPLOAD_SIZE))
        return file_sha256(file) == agreement.document_sha256
    with agreement.document.open("rb") as stored:
        return file_sha256(stored) == agreement.document_sha256


@transaction.atomic
def obligation_create(
    *,
    user: Any,
    agreement_id: int,
    kind: str,
    titles: dict[str, str],
    owner_id: int,
    due_on: date,
    officer_id: int | None = None,
    descriptions: dict[str, str] | None = None,
    target_count: int | None = None,
    status: str = ObligationStatus.OPEN,
    is_demo: bool = False,
) -> Obligation:
    require_role(user, Role.OFFICER, Role.ADMIN)
    agreement = Agreement.objects.get(pk=agreement_id)
    if not agreement.parties.filter(pk=owner_id).exists():
        raise ValidationError({"owner": _("The owner must be a party to the agreement.")})
    obligation = Obligation(
        agreement=agreement,
        kind=kind,
        owner_id=owner_id,
        due_on=due_on,
        officer_id=officer_id,
        target_count=target_count,
        status=status,
        status_changed_at=timezone.now(),
        is_demo=is_demo,
    )
    _set_translated(obligation, "title", titles, required=True)
    _set_translated(obligation, "description", descriptions or {}, required=False)
    obligation.save()
    return obligation


@transaction.atomic
def obligation_update(
    *,
    user: Any,
    obligation_id: int,
    kind: str,
    titles: dict[str, str],
    owner_id: int,
    due_on: date,
    officer_id: int | None = None,
    descriptions: dict[str, str] | None = None,
    target_count: int | None = None,
) -> Obligation:
    """Correct an obligation's texts, owner, due date and follow-up. The owner must be a party to the agreement;
    each language is written from its own value; the status changes only through `obligation_set_status`."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    obligation = Obligation.objects.select_for_update().get(pk=obligation_id)
    if kind not in ObligationKind.values:
        raise ValidationError({"kind": _("Unknown kind of obligation.")})
    if not obligation.agreement.parties.filter(pk=owner_id).exists():
        raise ValidationError({"owner": _("The owner must be a party to the agreement.")})
    if target_count is not None and target_count < 1:
        raise ValidationError({"target_count": _("The target number must be at least one.")})
    officers = get_user_model().objects.filter(is_active=True, role__in=[Role.OFFICER, Role.ADMIN])
    if officer_id is not None and not officers.filter(pk=officer_id).exists():
        raise ValidationError({"officer": _("Only an active officer can follow an obligation.")})
    obligation.kind = kind
    obligation.owner_id = owner_id
    obligation.due_on = due_on
    obligation.officer_id = officer_id
    obligation.target_count = target_count
    _set_translated(obligation, "title", titles, required=True)
    _set_translated(obligation, "description", descriptions or {}, required=False)
    fields = [
        f"{field}_{suffix}" for field in ("title", "description") for suffix in LANGUAGE_FIELD_SUFFIX.values()
    ]
    obligation.save(
        update_fields=[*fields, "kind", "owner", "due_on", "officer", "target_count", "updated_at"]
    )
    return obligation


@transaction.atomic
def obligation_set_status(*, user: Any, obligation_id: int, status: str) -> Obligation:
    """Officers decide whether an obligation is fulfilled, missed or waived."""
    require_role(user, Role.OFFICER, Role.ADMIN)
    if status not in ObligationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    obligation = Obligation.objects.select_for_update().get(pk=obligation_id)
    if obligation.status != status:
        obligation.status = status
        obligation.status_changed_at = timezone.now()
        obligation.save(update_fields=["status", "status_changed_at", "updated_at"])
    return obligation


@transaction.atomic
def evidence_submit(
    *, user: Any, obligation_id: int, note: str, link: str = "", file: UploadedFile | None = None
) -> Evidence:
    """Partner staff (for their own organization's obligations only) or officers submit evidence. An open
    obligation moves to "in progress"; the following officer hears about it by e-mail."""
    require_role(user, Role.PARTNER, Role.OFFICER, Role.ADMIN)
    obligation = selectors.obligations_visible_to(user).select_for_update(of=("self",)).get(pk=obligation_id)
    if not selectors.may_submit_evidence(user, obligation):
        # A party to a shared agreement sees the other parties' obligations but reports only on its own.
        raise PermissionDenied(
            _("Only the organization that owns this obligation can submit evidence on it.")
        )
    if not note.strip():
        raise ValidationError({"note": _("Describe what was done.")})
    evidence = Evidence(
        obligation=obligation, submitted_by=user, note=note.strip(), link=link, submitted_at=timezone.now()
    )
    if file is not None:
        data, fingerprint = _read_pdf(file)
        evidence.file_sha256 = fingerprint
        evidence.file.save(f"{fingerprint}.pdf", ContentFile(data), save=False)
    evidence.save()
    if obligation.status == ObligationStatus.OPEN:
        obligation.status = ObligationStatus.IN_PROGRESS
        obligation.status_changed_at = timezone.now()
        obligation.save(update_fields=["status", "status_changed_at", "updated_at"])
    officer = obligation.officer
    if officer is not None and has_role(user, Role.PARTNER):

        def notify() -> None:
            with translation.override(officer.language):
                subject = _("New evidence: %(obligation)s") % {"obligation": obligation.title}
                body = render_to_string(
                    "agreements/email/evidence_submitted.txt",
                    {
                        "obligation": obligation,
                        "evidence": evidence,
                        "url": absolute_url(
                            "agreements:obligation_detail", language=officer.language, args=[obligation.pk]
                        ),
                    },
                )
            mail.send_mail(
                to=officer.email,
                subject=subject,
                body=body,
                language=officer.language,
                kind="agreements.evidence_submitted",
                related=obligation,
            )

        transaction.on_commit(notify)
    return evidence
