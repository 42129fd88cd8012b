import pytest
from rest_framework.test import APIClient

from investbridge.matchmaking import services
from investbridge.matchmaking.models import Meeting, MeetingRequest, RequestStatus
from tests.conftest import ROLES

pytestmark = pytest.mark.integration

BASE = "/api/v1/matchmaking/events/b2b-day"


@pytest.fixture
def api_for(user_for_role):
    def make(role):
        client = APIClient()
        user = user_for_role(role)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def _request(people, a, b):
    return services.request_create(
        actor=services.Actor(registration=people[a].registration), requester=people[a], recipient=people[b]
    )


@pytest.fixture
def published(people, resources, event, officer):
    request = _request(people, "ru1", "cn1")
    services.request_respond(
        actor=services.Actor(registration=people["cn1"].registration), request=request, accept=True
    )
    meeting = Meeting.objects.get(event=event)
    Meeting.objects.filter(pk=meeting.pk).update(slot=resources["slots"][1], room=resources["rooms"][0])
    services.schedule_publish(user=officer, event=event)
    return meeting


EXPECTED = {
    "profiles": {"anonymous": 401, "company": 200, "partner": 403, "officer": 200, "admin": 200},
    "profiles/me": {"anonymous": 401, "company": 200, "partner": 403, "officer": 403, "admin": 403},
    "recommendations": {"anonymous": 401, "company": 200, "partner": 403, "officer": 403, "admin": 403},
    "requests": {"anonymous": 401, "company": 200, "partner": 403, "officer": 200, "admin": 200},
    "schedule": {"anonymous": 401, "company": 200, "partner": 403, "officer": 200, "admin": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_get_permission_matrix(api_for, published, role, endpoint):
    response = api_for(role).get(f"{BASE}/{endpoint}/")
    assert response.status_code == EXPECTED[endpoint][role]


@pytest.mark.parametrize("role", ROLES)
def test_post_request_permission_matrix(api_for, people, role):
    response = api_for(role).post(f"{BASE}/requests/", {"recipient": people["cn2"].pk}, format="json")
    assert (
        response.status_code
        == {"anonymous": 401, "company": 201, "partner": 403, "officer": 403, "admin": 403}[role]
    )


@pytest.mark.parametrize("role", ROLES)
def test_answer_permission_matrix(api_for, people, role):
    request = _request(people, "cn1", "ru1")  # addressed to the company user's profile
    response = api_for(role).post(f"/api/v1/matchmaking/requests/{request.pk}/decline/")
    assert (
        response.status_code
        == {"anonymous": 401, "company": 200, "partner": 403, "officer": 200, "admin": 200}[role]
    )


def test_company_sees_only_its_own_profile_and_schedule(api_for, people, published):
    client = api_for("company")
    assert [p["id"] for p in client.get(f"{BASE}/profiles/").json()] == [people["ru1"].pk]
    schedule = client.get(f"{BASE}/schedule/").json()
    assert [m["organizations"] for m in schedule] == [["Uralmash Trade", "海南贸易集团"]]
    assert schedule[0]["sequence"] == 0


def test_officer_sees_every_profile(api_for, people):
    assert len(api_for("officer").get(f"{BASE}/profiles/").json()) == 5


def test_recommendations_carry_reasons(api_for, people):
    data = api_for("company").get(f"{BASE}/recommendations/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data[0]["profile"]["id"] == people["cn1"].pk
    assert data[0]["reasons"][0] == {
        "code": "offers",
        "value": "distribution",
        "points": 3,
        "text": "Offers what you seek: Distribution",
    }


def test_patch_own_profile_and_errors(api_for, people):
    client = api_for("company")
    response = client.patch(f"{BASE}/profiles/me/", {"seeks": ["supply"], "sectors": ["A"]}, format="json")
    assert response.status_code == 200
    assert (response.json()["seeks"], response.json()["sectors"]) == (["supply"], ["A"])
    bad = client.patch(
        f"{BASE}/profiles/me/", {"time_zone": "Nowhere/Town"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (bad.status_code, bad.json()["error"]["fields"]) == (400, {"time_zone": ["Unknown time zone."]})


def test_duplicate_request_is_400(api_for, people):
    client = api_for("company")
    assert client.post(f"{BASE}/requests/", {"recipient": people["cn2"].pk}, format="json").status_code == 201
    again = client.post(f"{BASE}/requests/", {"recipient": people["cn2"].pk}, format="json")
    assert again.status_code == 400
    assert MeetingRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


def test_company_cannot_answer_others_request(api_for, people):
    request = _request(people, "cn1", "ru2")
    assert api_for("company").post(f"/api/v1/matchmaking/requests/{request.pk}/accept/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_permission_matrix(api_for, people, role):
    request = _request(people, "ru1", "cn1")  # sent by the company user's profile
    response = api_for(role).post(f"/api/v1/matchmaking/requests/{request.pk}/withdraw/")
    assert (
        response.status_code
        == {"anonymous": 401, "company": 200, "partner": 403, "officer": 200, "admin": 200}[role]
    )
    request.refresh_from_db()
    withdrawn = role in ("company", "officer", "admin")
    assert request.status == (RequestStatus.CANCELLED if withdrawn else RequestStatus.PENDING)
    if withdrawn:
        assert response.json()["status"] == "cancelled"


@pytest.mark.parametrize(("requester", "recipient"), [("cn1", "ru1"), ("cn1", "ru2")])
def test_company_cannot_withdraw_a_request_it_did_not_send(api_for, people, requester, recipient):
    request = _request(people, requester, recipient)
    response = api_for("company").post(f"/api/v1/matchmaking/requests/{request.pk}/withdraw/")
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_withdrawing_an_answered_request_is_400_in_the_request_language(api_for, people):
    request = _request(people, "ru1", "cn1")
    services.request_respond(
        actor=services.Actor(registration=people["cn1"].registration), request=request, accept=False
    )
    response = api_for("company").post(
        f"/api/v1/matchmaking/requests/{request.pk}/withdraw/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert (response.status_code, response.json()["error"]["message"]) == (400, "只能撤回待答复的请求。")
