"""The API's one error format, with messages in the language of Accept-Language."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.integration

NOT_AUTHENTICATED = {
    "ru": "Учетные данные не были предоставлены.",
    "zh-hans": "身份认证信息未提供。",
    "en": "Authentication credentials were not provided.",
}
PERMISSION_DENIED = {
    "ru": "У вас недостаточно прав для выполнения данного действия.",
    "zh-hans": "您没有执行该操作的权限。",
    "en": "You do not have permission to perform this action.",
}
NOT_FOUND = {"ru": "Страница не найдена.", "zh-hans": "未找到。", "en": "Not found."}
REQUIRED = {"ru": "Обязательное поле.", "zh-hans": "该字段是必填项。", "en": "This field is required."}
NO_ENDPOINT = {
    "ru": "Такого адреса в API нет. Список адресов: /api/v1/docs/.",
    "zh-hans": "没有这个 API 接口。接口列表见 /api/v1/docs/。",
    "en": "There is no such API endpoint. See /api/v1/docs/ for the list.",
}
LANGUAGES = ["ru", "zh-hans", "en"]


def _client(language: str, user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_401_without_credentials_in_the_requested_language(db, language):
    response = _client(language).get("/officers-only")

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "not_authenticated", "message": NOT_AUTHENTICATED[language], "fields": {}}
    }
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_403_for_a_role_without_permission_in_the_requested_language(company_user, language):
    response = _client(language, company_user).get("/officers-only")

    assert response.status_code == 403
    assert response.json() == {
        "error": {"code": "permission_denied", "message": PERMISSION_DENIED[language], "fields": {}}
    }


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_403_from_a_service_uses_the_same_format(db, language):
    response = _client(language).get("/service-refuses")

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "permission_denied",
        "message": PERMISSION_DENIED[language],
        "fields": {},
    }


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_404_from_get_object_in_the_requested_language(db, language):
    response = _client(language).get("/missing")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": NOT_FOUND[language], "fields": {}}}


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize("language", LANGUAGES)
def test_400_lists_every_invalid_field_in_the_requested_language(db, language):
    response = _client(language).post(
        "/validates", {"contacts": [{"email": "x@example.org"}, {}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": REQUIRED[language],
            "fields": {"name": [REQUIRED[language]], "contacts": {"1": {"email": [REQUIRED[language]]}}},
        }
    }


@pytest.mark.urls("tests.api.error_urls")
def test_400_from_a_service_validation_error_names_the_field(db):
    response = _client("en").post("/service-rejects-input", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Unknown time zone.",
            "fields": {"time_zone": ["Unknown time zone."]},
        }
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_api_address_answers_404_in_the_error_format(db, language):
    response = _client(language).get("/api/v1/no-such-endpoint/42")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": NO_ENDPOINT[language], "fields": {}}}


def test_method_not_allowed_uses_the_error_format(officer):
    response = _client("en", officer).put("/api/v1/me", {}, format="json")

    assert response.status_code == 405
    assert response.json() == {
        "error": {"code": "method_not_allowed", "message": 'Method "PUT" not allowed.', "fields": {}}
    }


def test_malformed_json_uses_the_error_format(db):
    response = _client("en").post("/api/v1/auth/token", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert response.json()["error"]["message"] == "The body is not valid JSON (line 1, column 2)."


def test_unknown_api_address_with_a_newline_answers_404_in_the_error_format(db):
    response = APIClient().patch("/api/v1/matchmaking/events/a%0Ab/profiles/me/", {}, format="json")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"
