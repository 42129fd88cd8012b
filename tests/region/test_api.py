import uuid

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investbridge.region.models import ExpressionOfInterest
from tests.factories.region import IncentiveFactory, KeyFigureFactory

pytestmark = pytest.mark.integration

ROLES = ["anonymous", "company", "partner", "officer", "admin"]


@pytest.fixture
def api_for(user_for_role):
    """An API client as each role uses it: tokens for staff and partners, a signed-in session for companies."""

    def make(role):
        client = APIClient()
        user = user_for_role(role)
        if role == "company":
            client.force_login(user)
        elif user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def content(db):
    figure = KeyFigureFactory()
    IncentiveFactory(slug="tax-15", title_ru="Налог 15 %", title_zh_hans="税率15%", title_en="Tax at 15 %")
    IncentiveFactory(slug="expired", valid_from="2010-01-01", valid_to="2011-01-01")
    return figure


def _interest(**overrides):
    data = {
        "name": "Ivan Petrov",
        "email": "ivan@example.org",
        "country": "RU",
        "language": "ru",
        "sectors": ["H"],
        "consent": True,
        "message": "Логистика",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_region_api_permission_matrix(api_for, content, role, django_capture_on_commit_callbacks):
    client = api_for(role)

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.get("/api/v1/region/profile").status_code,
            client.get("/api/v1/region/incentives").status_code,
            client.post("/api/v1/region/interest", _interest(), format="json").status_code,
        ]

    assert statuses == [200, 200, 201]


def test_profile_in_language_of_query_parameter(content):
    response = APIClient().get("/api/v1/region/profile?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="ru")

    body = response.json()
    assert body["language"] == "zh-hans"
    assert body["name"] == "海口"
    assert body["dimensions"][0]["title"] == "基础设施"
    assert body["dimensions"][0]["key_figures"] == [
        {
            "label": "旅客吞吐量",
            "value": "26800000.0000",
            "unit": "人次",
            "as_of": "2024-12-31",
            "source_name": "统计局",
            "source_url": "https://example.org/stats",
        }
    ]


def test_profile_in_language_of_accept_language(content):
    body = APIClient().get("/api/v1/region/profile", HTTP_ACCEPT_LANGUAGE="en").json()

    assert (body["language"], body["name"], body["dimensions"][0]["key_figures"][0]["unit"]) == (
        "en",
        "Haikou",
        "passengers",
    )


def test_profile_without_profile_is_404_in_error_format(db):
    response = APIClient().get("/api/v1/region/profile?lang=en")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_incentives_lists_current_ones_in_russian(content):
    body = APIClient().get("/api/v1/region/incentives?lang=ru").json()

    assert body["count"] == 1
    assert body["results"][0]["slug"] == "tax-15"
    assert body["results"][0]["title"] == "Налог 15 %"


def test_interest_create_records_and_mails(content, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post(
            "/api/v1/region/interest", _interest(submission_key=str(key), language="zh-hans"), format="json"
        )

    assert response.status_code == 201
    assert response.json()["status"] == "new"
    expression = ExpressionOfInterest.objects.get(submission_key=key)
    assert expression.consent_source == "api /api/v1/region/interest"
    assert [message.subject for message in mail.outbox] == ["我们已收到您的投资意向"]


def test_interest_create_key_of_someone_elses_submission_gives_nothing_back(content):
    key = str(uuid.uuid4())
    first = APIClient().post(
        "/api/v1/region/interest",
        _interest(submission_key=key, email="victim@example.org", message="Конфиденциально"),
        format="json",
    )

    retry = APIClient().post(
        "/api/v1/region/interest", _interest(submission_key=key, email="VICTIM@example.org"), format="json"
    )
    other = APIClient().post(
        "/api/v1/region/interest?lang=en",
        _interest(submission_key=key, email="attacker@example.org"),
        format="json",
    )

    assert first.status_code == retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]  # the same visitor retrying: recorded once
    assert other.status_code == 400
    assert other.json()["error"]["fields"] == {
        "submission_key": ["This submission key has been used for another submission. Use a new one."]
    }
    assert "victim" not in other.content.decode()
    assert "Конфиденциально" not in other.content.decode()
    assert ExpressionOfInterest.objects.count() == 1


def test_interest_create_errors_in_requested_language(content):
    response = APIClient().post(
        "/api/v1/region/interest?lang=ru",
        _interest(consent=False, country="ZZ", sectors=["9"]),
        format="json",
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["consent"] == ["Мы можем связаться с вами только с вашего согласия."]
    assert error["fields"]["country"] == ["Выберите страну из списка."]
    assert sorted(error["fields"]) == ["consent", "country", "sectors"]
    assert ExpressionOfInterest.objects.count() == 0


def test_region_endpoints_are_in_the_schema(db):
    schema = APIClient().get("/api/v1/schema/?format=json").json()

    assert {"/api/v1/region/profile", "/api/v1/region/incentives", "/api/v1/region/interest"} <= set(
        schema["paths"]
    )


def test_interest_create_is_throttled_per_client(content, settings, django_capture_on_commit_callbacks):
    settings.REGION_INTEREST_RATE = "2/hour"
    client = APIClient()

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/api/v1/region/interest?lang=ru", _interest(), format="json").status_code
            for _ in range(3)
        ]
    response = client.post("/api/v1/region/interest?lang=ru", _interest(), format="json")

    assert statuses == [201, 201, 429]
    assert response.json()["error"]["code"] == "throttled"
    assert ExpressionOfInterest.objects.count() == 2


def test_profile_query_count_does_not_grow_with_figures(db, django_assert_max_num_queries):
    figure = KeyFigureFactory()
    KeyFigureFactory.create_batch(5, dimension=figure.dimension)

    with django_assert_max_num_queries(3):  # profile, dimensions, key figures
        body = APIClient().get("/api/v1/region/profile?lang=ru").json()

    assert len(body["dimensions"][0]["key_figures"]) == 6
