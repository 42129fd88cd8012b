import pytest
from rest_framework.test import APIClient

from investbridge.pipeline.models import Lead
from tests.agreements.conftest import MATRIX_ROLES
from tests.factories.agreements import AgreementFactory, ObligationFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def api_for(user_for_role, partner_a_user, partner_b_user):
    def make(row):
        client = APIClient()
        user = {"partner_a": partner_a_user, "partner_b": partner_b_user}.get(row)
        if user is None and row not in {"partner_a", "partner_b"}:
            user = user_for_role(row)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def both(office_org, partner_b, obligation_a):
    agreement_b = AgreementFactory(parties=[office_org, partner_b])
    obligation_b = ObligationFactory(agreement=agreement_b, owner=partner_b)
    return obligation_a, obligation_b


OF_A = {"anonymous": 401, "company": 403, "partner_a": 200, "partner_b": 404, "officer": 200, "admin": 200}


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_agreement_and_obligation_api_matrix(api_for, row, both):
    obligation_a, obligation_b = both
    client = api_for(row)

    agreements = client.get("/api/v1/agreements")
    obligations = client.get("/api/v1/obligations")

    assert client.get(f"/api/v1/agreements/{obligation_a.agreement_id}").status_code == OF_A[row]
    assert client.get(f"/api/v1/obligations/{obligation_a.pk}").status_code == OF_A[row]
    if row in {"anonymous", "company"}:
        assert agreements.status_code == OF_A[row]
        return
    seen_agreements = {item["id"] for item in agreements.json()["results"]}
    seen_obligations = {item["id"] for item in obligations.json()["results"]}
    expected = {
        "partner_a": ({obligation_a.agreement_id}, {obligation_a.pk}),
        "partner_b": ({obligation_b.agreement_id}, {obligation_b.pk}),
    }.get(row, ({obligation_a.agreement_id, obligation_b.agreement_id}, {obligation_a.pk, obligation_b.pk}))
    assert (seen_agreements, seen_obligations) == expected


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_obligation_status_patch_only_officers(api_for, row, both):
    obligation_a, _ = both
    expected = {
        "anonymous": 401,
        "company": 403,
        "partner_a": 403,
        "partner_b": 404,
        "officer": 200,
        "admin": 200,
    }

    response = api_for(row).patch(
        f"/api/v1/obligations/{obligation_a.pk}", {"status": "fulfilled"}, format="json"
    )

    assert response.status_code == expected[row]


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_referral_api_only_partners(api_for, row, db):
    expected = {
        "anonymous": 401,
        "company": 403,
        "partner_a": 201,
        "partner_b": 201,
        "officer": 403,
        "admin": 403,
    }
    payload = {
        "company_name": f"Referral from {row}",
        "country": "KZ",
        "contact_name": "Aigerim",
        "contact_email": f"{row}@kz.example",
        "language": "ru",
        "description": "Logistics hub",
    }

    response = api_for(row).post("/api/v1/referrals", payload, format="json")

    assert response.status_code == expected[row]
    if response.status_code == 201:
        assert Lead.objects.get(pk=response.json()["id"]).source == "partner"
