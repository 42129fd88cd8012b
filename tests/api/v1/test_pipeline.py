"""/api/v1/leads: what the contract run found."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investbridge.pipeline.models import Lead

pytestmark = pytest.mark.integration

LEAD = {"company_name": "ООО «Волга»", "country": "RU", "language": "ru"}


def _officer_client(officer) -> APIClient:
    token, _created = Token.objects.get_or_create(user=officer)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("field", ["projected_jobs", "source_event_id", "source_partner_id"])
def test_lead_with_a_number_too_large_for_the_database_is_refused(officer, field):
    response = _officer_client(officer).post("/api/v1/leads", {**LEAD, field: 2**31}, format="json")

    assert response.status_code == 400
    message = "Ensure this value is less than or equal to 2147483647."
    assert response.json() == {"error": {"code": "invalid", "message": message, "fields": {field: [message]}}}
    assert not Lead.objects.exists()


def test_lead_update_with_too_many_jobs_is_refused(officer):
    client = _officer_client(officer)
    lead = client.post("/api/v1/leads", LEAD, format="json").json()

    response = client.patch(
        f"/api/v1/leads/{lead['id']}", {"version": lead["version"], "realised_jobs": 2**31}, format="json"
    )

    assert response.status_code == 400
    assert Lead.objects.get().realised_jobs is None
