import pytest
from django.core import mail
from rest_framework.test import APIClient

from investbridge.directory.models import Membership
from investbridge.pipeline.models import Inquiry
from tests.factories.directory import PersonFactory
from tests.factories.pipeline import InquiryFactory, LeadFactory
from tests.pipeline.conftest import MATRIX_ROLES

pytestmark = pytest.mark.integration

PAYLOAD = {
    "company_name": "海南椰风贸易有限公司",
    "contact_name": "李华",
    "email": "li.hua@example.cn",
    "country": "CN",
    "sectors": ["G"],
    "cooperation_kind": "trade",
    "message": "我们希望了解自贸港政策。",
    "language": "zh-hans",
    "consent": True,
}


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


def test_public_create_inquiry_acknowledges_in_chinese(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post("/api/v1/inquiries", PAYLOAD, format="json")

    assert response.status_code == 201
    inquiry = Inquiry.objects.get(pk=response.json()["id"])
    assert (inquiry.channel, inquiry.language) == ("api", "zh-hans")
    assert mail.outbox[0].subject == "我们已收到您的咨询"


def test_public_create_inquiry_known_person_same_answer_details_only_by_mail(
    db, django_capture_on_commit_callbacks
):
    known = PersonFactory(email="li.hua@example.cn", preferred_language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post("/api/v1/inquiries", PAYLOAD, format="json")

    assert (response.status_code, sorted(response.json())) == (201, ["id", "reply_due_at"])
    known.refresh_from_db()
    assert known.consent_to_contact is False
    assert not Membership.objects.filter(person=known).exists()
    assert [message.subject for message in mail.outbox if "/directory/confirm/" in message.body] == [
        "请确认您信息的变更"
    ]


def test_public_create_inquiry_validation_error_format(db):
    response = APIClient().post(
        "/api/v1/inquiries", {**PAYLOAD, "consent": False}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["consent"] == [
        "We can answer only if you agree to be contacted."
    ]


INQUIRY_READ = {
    "anonymous": 401,
    "company": 403,
    "partner_a": 403,
    "partner_b": 403,
    "officer": 200,
    "admin": 200,
}


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_inquiry_api_permission_matrix(api_for, row, db):
    inquiry = InquiryFactory()
    client = api_for(row)

    assert client.get("/api/v1/inquiries").status_code == INQUIRY_READ[row]
    assert client.get(f"/api/v1/inquiries/{inquiry.pk}").status_code == INQUIRY_READ[row]
    assert (
        client.patch(f"/api/v1/inquiries/{inquiry.pk}", {"status": "closed"}, format="json").status_code
        == INQUIRY_READ[row]
    )


LEAD_OF_A = {
    "anonymous": 401,
    "company": 403,
    "partner_a": 200,
    "partner_b": 404,
    "officer": 200,
    "admin": 200,
}


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_lead_api_permission_matrix(api_for, row, referral_a):
    other = LeadFactory(title="Direct lead")
    client = api_for(row)

    listing = client.get("/api/v1/leads")
    detail = client.get(f"/api/v1/leads/{referral_a.pk}")
    direct = client.get(f"/api/v1/leads/{other.pk}")

    assert detail.status_code == LEAD_OF_A[row]
    if row in {"officer", "admin"}:
        assert listing.json()["count"] == 2
        assert direct.status_code == 200
    elif row == "partner_a":
        assert [item["id"] for item in listing.json()["results"]] == [referral_a.pk]
        assert set(detail.json()) == {"id", "organization_name", "stage", "created_at", "stage_changed_at"}
        assert direct.status_code == 404
    elif row == "partner_b":
        assert listing.json()["results"] == []
    else:
        assert listing.status_code == LEAD_OF_A[row]


@pytest.mark.parametrize("row", MATRIX_ROLES)
def test_lead_api_write_only_for_officers(api_for, row, referral_a):
    client = api_for(row)
    expected = {
        "anonymous": 401,
        "company": 403,
        "partner_a": 403,
        "partner_b": 403,
        "officer": 200,
        "admin": 200,
    }

    response = client.post(
        f"/api/v1/leads/{referral_a.pk}/move", {"stage": "qualified", "version": 1}, format="json"
    )

    assert response.status_code == expected[row]


def test_lead_api_move_conflict_is_409(api_for, referral_a):
    client = api_for("officer")
    client.post(f"/api/v1/leads/{referral_a.pk}/move", {"stage": "qualified", "version": 1}, format="json")

    response = client.post(
        f"/api/v1/leads/{referral_a.pk}/move", {"stage": "engaged", "version": 1}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_lead_api_create_and_patch(api_for, db):
    client = api_for("officer")

    created = client.post(
        "/api/v1/leads",
        {
            "company_name": "Altai Foods",
            "country": "RU",
            "language": "en",
            "projected_investment": "1000000.00",
            "projected_currency": "RUB",
        },
        format="json",
    )
    lead_id = created.json()["id"]
    patched = client.patch(f"/api/v1/leads/{lead_id}", {"version": 1, "realised_jobs": 12}, format="json")

    assert created.status_code == 201
    assert created.json()["projected_investment"] == "1000000.00"
    assert (patched.status_code, patched.json()["realised_jobs"], patched.json()["version"]) == (200, 12, 2)
