"""Agreements and obligations keep each language's title and texts exactly, whatever the interface language
(the officer's pages and the admin)."""

import pytest

from investbridge.agreements.models import Agreement, Obligation
from tests.factories.agreements import AgreementFactory, ObligationFactory
from tests.factories.directory import OrganizationFactory
from tests.trilingual import INTERFACE_LANGUAGES, admin_form_data, columns, in_language, texts_for

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_create_agreement_in_any_interface_language_keeps_every_language(client_for, language):
    parties = [OrganizationFactory(), OrganizationFactory()]
    data = {
        **texts_for(("title", "summary"), "new"),
        "kind": "cooperation",
        "parties": [str(party.pk) for party in parties],
        "signed_on": "2026-03-01",
        "signing_method": "online",
        "valid_from": "2026-03-01",
    }

    response = client_for("officer").post(f"/{language}/agreements/new/", data)

    assert response.status_code == 302, response.context["form"].errors
    assert columns(Agreement.objects.get(), ("title", "summary")) == texts_for(("title", "summary"), "new")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_add_obligation_in_any_interface_language_keeps_every_language(client_for, language):
    owner = OrganizationFactory()
    agreement = AgreementFactory(parties=[owner, OrganizationFactory()])
    data = {**texts_for(("title", "description"), "new"), "kind": "office", "owner": str(owner.pk)}
    data["due_on"] = "2027-01-31"

    response = client_for("officer").post(f"/{language}/agreements/{agreement.pk}/obligations/new/", data)

    assert response.status_code == 302, response.context["form"].errors
    obligation = Obligation.objects.get(agreement=agreement)
    assert columns(obligation, ("title", "description")) == texts_for(("title", "description"), "new")


def test_agreement_form_shows_the_three_languages_side_by_side(client_for):
    page = client_for("officer").get("/ru/agreements/new/").content.decode()

    assert 'data-translated="title"' in page
    assert 'data-translated="summary"' in page


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@pytest.mark.parametrize(
    ("model", "fields"), [("agreement", ("title", "summary")), ("obligation", ("title", "description"))]
)
def test_admin_edit_in_any_interface_language_keeps_every_language(
    client, admin_user, language, model, fields
):
    if model == "agreement":
        instance = AgreementFactory(
            **texts_for(fields, "before"), parties=[OrganizationFactory(), OrganizationFactory()]
        )
    else:
        instance = ObligationFactory(**texts_for(fields, "before"), owner=OrganizationFactory())
    client.force_login(admin_user)
    in_language(client, language)
    url = f"/admin/agreements/{model}/{instance.pk}/change/"
    page = client.get(url)

    response = client.post(url, admin_form_data(page))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(instance, fields) == texts_for(fields, "before")
    # Only the per-language fields are offered: a bare "title" would be the interface language's copy.
    assert "title" not in page.context["adminform"].form.fields
