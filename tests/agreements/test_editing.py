"""Officers correct agreements and obligations after they are recorded: every language keeps its own text, the
parties and owners stay consistent, and a signed document's fingerprint never changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from investbridge.agreements import services
from investbridge.agreements.models import Agreement, Obligation
from tests.agreements.conftest import make_pdf
from tests.factories.agreements import AgreementFactory, ObligationFactory
from tests.factories.directory import OrganizationFactory
from tests.trilingual import INTERFACE_LANGUAGES, by_language, columns, texts_for

pytestmark = pytest.mark.integration

AGREEMENT_FIELDS = ("title", "summary")
OBLIGATION_FIELDS = ("title", "description")


def agreement_data(parties, mark="after", **extra):
    return {
        **texts_for(AGREEMENT_FIELDS, mark),
        "kind": "memorandum",
        "parties": [str(party.pk) for party in parties],
        "signed_on": "2026-04-02",
        "signing_method": "in_person",
        "valid_from": "2026-04-02",
        "valid_until": "2028-04-01",
        **extra,
    }


def obligation_data(owner, mark="after", **extra):
    return {
        **texts_for(OBLIGATION_FIELDS, mark),
        "kind": "event",
        "owner": str(owner.pk),
        "due_on": "2027-06-30",
        "target_count": "",
        **extra,
    }


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_officer_edits_agreement_in_any_language_keeps_every_language(client_for, language):
    first, second, third = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    agreement = AgreementFactory(**texts_for(AGREEMENT_FIELDS, "before"), parties=[first, second])

    response = client_for("officer").post(
        f"/{language}/agreements/{agreement.pk}/edit/", agreement_data([first, third])
    )

    assert response.status_code == 302, response.context["form"].errors
    assert columns(agreement, AGREEMENT_FIELDS) == texts_for(AGREEMENT_FIELDS, "after")
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert set(agreement.parties.all()) == {first, third}
    assert (agreement.kind, agreement.signing_method) == ("memorandum", "in_person")
    assert str(agreement.valid_until) == "2028-04-01"


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_agreement_edit_form_shows_each_language_own_text(client_for, language):
    agreement = AgreementFactory(
        **texts_for(AGREEMENT_FIELDS, "before"), parties=[OrganizationFactory(), OrganizationFactory()]
    )

    page = client_for("officer").get(f"/{language}/agreements/{agreement.pk}/edit/").content.decode()

    for text in texts_for(AGREEMENT_FIELDS, "before").values():
        assert text in page
    assert 'data-translated="title"' in page


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_officer_edits_obligation_in_any_language_keeps_every_language(client_for, language):
    owner, other = OrganizationFactory(), OrganizationFactory()
    agreement = AgreementFactory(parties=[owner, other])
    obligation = ObligationFactory(agreement=agreement, owner=owner, **texts_for(OBLIGATION_FIELDS, "before"))

    response = client_for("officer").post(
        f"/{language}/agreements/obligations/{obligation.pk}/edit/", obligation_data(other)
    )

    assert response.status_code == 302, response.context["form"].errors
    assert columns(obligation, OBLIGATION_FIELDS) == texts_for(OBLIGATION_FIELDS, "after")
    obligation = Obligation.objects.get(pk=obligation.pk)
    assert (obligation.owner, str(obligation.due_on), obligation.kind) == (other, "2027-06-30", "event")


def test_edit_with_one_language_empties_only_that_column_it_was_given(db, officer):
    agreement = AgreementFactory(
        **texts_for(AGREEMENT_FIELDS, "before"), parties=[OrganizationFactory(), OrganizationFactory()]
    )
    titles = {**by_language("title", "before"), "en": "Corrected"}

    services.agreement_update(
        user=officer,
        agreement_id=agreement.pk,
        kind=agreement.kind,
        titles=titles,
        summaries=by_language("summary", "before"),
        party_ids=list(agreement.parties.values_list("pk", flat=True)),
        signed_on=agreement.signed_on,
        signing_method=agreement.signing_method,
        valid_from=agreement.valid_from,
    )

    assert columns(agreement, ("title",)) == {
        "title_ru": "Русский title before",
        "title_zh_hans": "中文 title before",
        "title_en": "Corrected",
    }


def test_removing_a_party_that_owns_obligations_is_refused_in_russian(client_for):
    owner, other, third = OrganizationFactory(name="Owner Ltd"), OrganizationFactory(), OrganizationFactory()
    agreement = AgreementFactory(title="Before", parties=[owner, other])
    ObligationFactory(agreement=agreement, owner=owner)

    response = client_for("officer").post(
        f"/ru/agreements/{agreement.pk}/edit/", agreement_data([other, third])
    )

    assert response.status_code == 400
    errors = response.context["form"].errors["parties"]
    assert errors == [
        "Owner Ltd нельзя исключить: у этой стороны есть обязательства по соглашению. "
        "Сначала передайте обязательства другой стороне."
    ]
    assert set(Agreement.objects.get(pk=agreement.pk).parties.all()) == {owner, other}
    assert columns(agreement, ("title",))["title_en"] == "Before"


def test_obligation_owner_outside_the_parties_is_refused(db, officer):
    owner = OrganizationFactory()
    obligation = ObligationFactory(
        agreement=AgreementFactory(parties=[owner, OrganizationFactory()]), owner=owner
    )

    with pytest.raises(ValidationError) as raised:
        services.obligation_update(
            user=officer,
            obligation_id=obligation.pk,
            kind="office",
            titles={"en": "Changed"},
            owner_id=OrganizationFactory().pk,
            due_on=obligation.due_on,
        )

    assert set(raised.value.error_dict) == {"owner"}
    assert Obligation.objects.get(pk=obligation.pk).owner == owner


def test_obligation_edit_form_refuses_an_owner_outside_the_parties(client_for):
    owner = OrganizationFactory()
    obligation = ObligationFactory(
        agreement=AgreementFactory(parties=[owner, OrganizationFactory()]), owner=owner, title="Before"
    )

    response = client_for("officer").post(
        f"/zh-hans/agreements/obligations/{obligation.pk}/edit/", obligation_data(OrganizationFactory())
    )

    assert response.status_code == 400
    assert "owner" in response.context["form"].errors
    assert Obligation.objects.get(pk=obligation.pk).owner == owner


def test_agreement_edit_refuses_validity_ending_before_it_starts(db, officer):
    agreement = AgreementFactory(parties=[OrganizationFactory(), OrganizationFactory()])

    with pytest.raises(ValidationError) as raised:
        services.agreement_update(
            user=officer,
            agreement_id=agreement.pk,
            kind=agreement.kind,
            titles={"en": "Changed"},
            party_ids=list(agreement.parties.values_list("pk", flat=True)),
            signed_on=agreement.signed_on,
            signing_method=agreement.signing_method,
            valid_from=agreement.valid_from,
            valid_until=agreement.valid_from.replace(year=agreement.valid_from.year - 1),
        )

    assert set(raised.value.error_dict) == {"valid_until"}
    assert columns(agreement, ("title",))["title_en"] != "Changed"


def test_signed_agreement_fingerprint_does_not_change_through_editing(client_for, officer):
    parties = [OrganizationFactory(), OrganizationFactory()]
    agreement = services.agreement_create(
        user=officer,
        kind="cooperation",
        titles={"en": "Signed"},
        party_ids=[party.pk for party in parties],
        signed_on=AgreementFactory.signed_on,
        signing_method="online",
        valid_from=AgreementFactory.valid_from,
        document=SimpleUploadedFile("signed.pdf", make_pdf()),
    )
    before = Agreement.objects.get(pk=agreement.pk)
    data = agreement_data(parties, document=SimpleUploadedFile("other.pdf", make_pdf("Another text")))

    response = client_for("officer").post(f"/en/agreements/{agreement.pk}/edit/", data)

    assert response.status_code == 302
    after = Agreement.objects.get(pk=agreement.pk)
    assert (after.document_sha256, after.document.name, after.document_size) == (
        before.document_sha256,
        before.document.name,
        before.document_size,
    )
    assert services.agreement_document_verify(agreement=after) is True


def test_partner_cannot_update_through_the_services(db, partner_a_user, agreement_a, obligation_a):
    with pytest.raises(PermissionDenied):
        services.agreement_update(
            user=partner_a_user,
            agreement_id=agreement_a.pk,
            kind=agreement_a.kind,
            titles={"en": "Changed"},
            party_ids=list(agreement_a.parties.values_list("pk", flat=True)),
            signed_on=agreement_a.signed_on,
            signing_method=agreement_a.signing_method,
            valid_from=agreement_a.valid_from,
        )
    with pytest.raises(PermissionDenied):
        services.obligation_update(
            user=partner_a_user,
            obligation_id=obligation_a.pk,
            kind=obligation_a.kind,
            titles={"en": "Changed"},
            owner_id=obligation_a.owner_id,
            due_on=obligation_a.due_on,
        )


@pytest.mark.parametrize(("row", "shown"), [("officer", True), ("partner_a", False)])
def test_edit_links_only_for_officers(matrix_client, agreement_a, obligation_a, row, shown):
    agreement_page = matrix_client(row).get(f"/en/agreements/{agreement_a.pk}/").content.decode()
    obligation_page = (
        matrix_client(row).get(f"/en/agreements/obligations/{obligation_a.pk}/").content.decode()
    )

    assert (f"/en/agreements/{agreement_a.pk}/edit/" in agreement_page) is shown
    assert (f"/en/agreements/obligations/{obligation_a.pk}/edit/" in obligation_page) is shown
