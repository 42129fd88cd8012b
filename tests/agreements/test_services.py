import datetime
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from investbridge.agreements import selectors, services
from investbridge.agreements.models import ObligationStatus
from tests.agreements.conftest import make_pdf
from tests.factories.agreements import AgreementFactory, ObligationFactory

pytestmark = pytest.mark.integration


def _create(officer, parties, document=None):
    return services.agreement_create(
        user=officer,
        kind="cooperation",
        titles={"ru": "Соглашение о сотрудничестве", "en": "Cooperation agreement"},
        party_ids=[party.pk for party in parties],
        signed_on=datetime.date(2026, 9, 15),
        signing_method="online",
        valid_from=datetime.date(2026, 9, 15),
        valid_until=datetime.date(2029, 9, 14),
        document=document,
    )


def test_agreement_stores_pdf_with_sha256(db, officer, office_org, partner_a):
    data = make_pdf()

    agreement = _create(officer, [office_org, partner_a], SimpleUploadedFile("signed.pdf", data))

    assert agreement.document_sha256 == hashlib.sha256(data).hexdigest()
    assert agreement.document_size == len(data)
    assert services.agreement_document_verify(agreement=agreement) is True
    assert (
        services.agreement_document_verify(agreement=agreement, file=SimpleUploadedFile("c.pdf", data))
        is True
    )
    other = SimpleUploadedFile("c.pdf", make_pdf("A different text"))
    assert services.agreement_document_verify(agreement=agreement, file=other) is False


def test_agreement_refuses_non_pdf_by_content(db, officer, office_org, partner_a):
    fake = SimpleUploadedFile("signed.pdf", b"PK\x03\x04 not a pdf at all")

    with pytest.raises(ValidationError) as error:
        _create(officer, [office_org, partner_a], fake)

    assert error.value.messages == ["Этот тип файла здесь не принимается. Допустимые типы: .pdf."]


def test_agreement_refuses_oversized_pdf(db, officer, office_org, partner_a, monkeypatch):
    monkeypatch.setattr(services, "MAX_DOCUMENT_SIZE", 100)

    with pytest.raises(ValidationError):
        _create(officer, [office_org, partner_a], SimpleUploadedFile("signed.pdf", make_pdf()))


def test_agreement_needs_two_parties(db, officer, partner_a):
    with pytest.raises(ValidationError):
        _create(officer, [partner_a])


def test_signed_document_cannot_be_replaced(db, officer, office_org, partner_a):
    agreement = _create(officer, [office_org, partner_a], SimpleUploadedFile("s.pdf", make_pdf()))

    with pytest.raises(ValidationError):
        services.agreement_attach_document(
            user=officer, agreement_id=agreement.pk, document=SimpleUploadedFile("x.pdf", make_pdf("x"))
        )


def test_obligation_owner_must_be_a_party(db, officer, agreement_a, partner_b):
    with pytest.raises(ValidationError):
        services.obligation_create(
            user=officer,
            agreement_id=agreement_a.pk,
            kind="office",
            titles={"en": "Open"},
            owner_id=partner_b.pk,
            due_on=datetime.date(2027, 1, 1),
        )


def test_partner_submits_evidence_for_own_obligation(
    db, partner_a_user, obligation_a, officer, django_capture_on_commit_callbacks
):
    obligation_a.officer = officer
    obligation_a.save()

    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_submit(
            user=partner_a_user,
            obligation_id=obligation_a.pk,
            note="Офис арендован",
            file=SimpleUploadedFile("e.pdf", make_pdf()),
        )

    obligation_a.refresh_from_db()
    assert obligation_a.status == ObligationStatus.IN_PROGRESS
    assert len(evidence.file_sha256) == 64
    assert mail.outbox[-1].to == [officer.email]


def test_other_partner_cannot_submit_evidence(db, partner_b_user, obligation_a):
    with pytest.raises(ObjectDoesNotExist):
        services.evidence_submit(user=partner_b_user, obligation_id=obligation_a.pk, note="x")


def test_partner_cannot_submit_evidence_on_other_party_obligation_in_shared_agreement(
    db, office_org, partner_a, partner_b, partner_a_user, partner_b_user, officer
):
    shared = AgreementFactory(parties=[office_org, partner_a, partner_b])
    obligation_b = ObligationFactory(agreement=shared, owner=partner_b)
    obligation_office = ObligationFactory(agreement=shared, owner=office_org)

    for obligation in (obligation_b, obligation_office):
        with translation.override("zh-hans"), pytest.raises(PermissionDenied) as error:
            services.evidence_submit(user=partner_a_user, obligation_id=obligation.pk, note="x")
        assert str(error.value) == "只有承担该义务的机构才能提交其履行证明。"
    services.evidence_submit(user=partner_b_user, obligation_id=obligation_b.pk, note="Done")
    services.evidence_submit(user=officer, obligation_id=obligation_office.pk, note="Done")

    assert [obligation_b.evidence.count(), obligation_office.evidence.count()] == [1, 1]
    obligation_b.refresh_from_db()
    assert obligation_b.status == ObligationStatus.IN_PROGRESS


def test_only_officers_set_obligation_status(db, partner_a_user, officer, obligation_a):
    with pytest.raises(PermissionDenied):
        services.obligation_set_status(user=partner_a_user, obligation_id=obligation_a.pk, status="fulfilled")

    services.obligation_set_status(user=officer, obligation_id=obligation_a.pk, status="fulfilled")

    obligation_a.refresh_from_db()
    assert obligation_a.status == "fulfilled"


def test_selectors_scope_agreements_and_obligations(
    db, partner_a_user, partner_b_user, officer, company_user, obligation_a
):
    assert list(selectors.agreements_visible_to(partner_a_user)) == [obligation_a.agreement]
    assert list(selectors.agreements_visible_to(partner_b_user)) == []
    assert list(selectors.agreements_visible_to(company_user)) == []
    assert list(selectors.obligations_visible_to(officer)) == [obligation_a]
    assert list(selectors.obligations_visible_to(partner_b_user)) == []


def test_overdue_overview(db, officer, obligation_a):
    assert list(selectors.obligations_overdue(officer, today=datetime.date(2027, 1, 1))) == [obligation_a]
    assert list(selectors.obligations_overdue(officer, today=datetime.date(2026, 1, 1))) == []
