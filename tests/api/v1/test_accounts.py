"""/api/v1/auth/token and /api/v1/me: who gets a token, what it opens, how it is revoked."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investbridge.core.roles import Role
from tests.conftest import ROLES
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.integration

TOKEN_URL = "/api/v1/auth/token"
ME_URL = "/api/v1/me"


def _token_client(key: str, language: str = "en") -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 400), ("company", 403), ("partner", 200), ("officer", 200), ("admin", 200)],
)
def test_token_permission_matrix(user_for_role, role, expected_status):
    user = user_for_role(role)
    credentials = (
        {"email": user.email, "password": PASSWORD}
        if user
        else {"email": "nobody@example.org", "password": "guess"}
    )

    response = APIClient().post(TOKEN_URL, credentials, format="json")

    assert response.status_code == expected_status
    if expected_status == 200:
        assert response.json() == {
            "token": Token.objects.get(user=user).key,
            "user": {
                "id": user.pk,
                "email": user.email,
                "full_name": user.full_name,
                "role": role,
                "language": user.language,
                "time_zone": user.time_zone,
                "organization": user.organization_id,
                "organization_name": str(user.organization) if user.organization_id else None,
            },
        }
    else:
        assert Token.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "API-токены выдаются только сотрудникам агентства и сотрудникам партнёров."),
        ("zh-hans", "API 令牌仅发放给投资促进专员和合作伙伴员工。"),
        ("en", "API tokens are only for promotion officers and partner staff."),
    ],
)
def test_token_refused_to_a_company_representative_with_a_clear_message(company_user, language, message):
    response = APIClient(HTTP_ACCEPT_LANGUAGE=language).post(
        TOKEN_URL, {"email": company_user.email, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"error": {"code": "permission_denied", "message": message, "fields": {}}}


def test_token_with_wrong_password_is_refused_in_russian(officer):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="ru").post(
        TOKEN_URL, {"email": officer.email, "password": "not-the-password"}, format="json"
    )

    assert response.status_code == 400
    message = "Неверный адрес электронной почты или пароль."
    assert response.json() == {
        "error": {"code": "invalid", "message": message, "fields": {"non_field_errors": [message]}}
    }


def test_token_accepts_the_email_in_any_case_and_returns_the_same_token_twice(officer):
    client = APIClient()

    first = client.post(TOKEN_URL, {"email": officer.email.upper(), "password": PASSWORD}, format="json")
    second = client.post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}, format="json")

    assert first.status_code == second.status_code == 200
    assert first.json()["token"] == second.json()["token"]
    assert Token.objects.filter(user=officer).count() == 1


def test_token_request_without_fields_lists_both_fields(db):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "email": ["This field is required."],
        "password": ["This field is required."],
    }


def test_token_opens_me(partner_user):
    key = APIClient().post(TOKEN_URL, {"email": partner_user.email, "password": PASSWORD}).json()["token"]

    response = _token_client(key).get(ME_URL)

    assert response.status_code == 200
    assert (response.json()["email"], response.json()["role"], response.json()["organization_name"]) == (
        "partner@example.org",
        "partner",
        "Partner Bank",
    )


def test_revoking_the_token_stops_it_at_once(officer):
    key = APIClient().post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}).json()["token"]
    client = _token_client(key)

    assert client.delete(TOKEN_URL).status_code == 204
    after = client.get(ME_URL)

    assert after.status_code == 401
    assert after.json()["error"]["code"] == "authentication_failed"
    assert Token.objects.filter(user=officer).exists() is False


def test_revoking_without_a_token_is_401(db):
    response = APIClient().delete(TOKEN_URL)

    assert response.status_code == 401


def test_token_of_a_user_whose_role_changed_carries_no_rights(officer):
    key = APIClient().post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}).json()["token"]
    officer.role = Role.COMPANY
    officer.save()

    response = _token_client(key, "ru").get(ME_URL)
    public = _token_client(key).get("/api/v1/schema/")

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Учетные данные не были предоставлены.",
            "fields": {},
        }
    }
    assert public.status_code == 200


def test_token_of_a_deactivated_user_is_refused(officer):
    key = APIClient().post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}).json()["token"]
    officer.is_active = False
    officer.save()

    assert _token_client(key).get(ME_URL).status_code == 401


def test_post_with_a_stale_token_header_still_issues_a_token(officer):
    response = _token_client("0" * 40).post(TOKEN_URL, {"email": officer.email, "password": PASSWORD})

    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_me_permission_matrix(user_for_role, role):
    client = APIClient()
    user = user_for_role(role)
    if user is not None:
        client.force_login(user)  # session authentication: the browser case

    response = client.get(ME_URL)

    if user is None:
        assert response.status_code == 401
    else:
        assert (response.status_code, response.json()["email"]) == (200, user.email)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_schema_and_docs_permission_matrix(user_for_role, role, url):
    client = APIClient()
    if user_for_role(role) is not None:
        client.force_login(user_for_role(role))

    assert client.get(url).status_code == 200


def test_schema_lists_the_endpoints(db):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/auth/token", "/api/v1/me"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["tokenAuth"]["type"] == "apiKey"


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_api_docs_load_their_assets_from_our_static_files_not_a_cdn(db, url):
    html = APIClient().get(url).content.decode()

    assert "/static/drf_spectacular_sidecar/" in html
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com"):
        assert cdn not in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Слишком много попыток входа с вашего адреса. Повторите через 60 секунд."),
        ("zh-hans", "您的地址登录尝试次数过多。请在 60 秒后重试。"),
        ("en", "Too many attempts to sign in from your address. Try again in 60 seconds."),
    ],
)
def test_token_attempts_beyond_the_rate_get_429_with_a_clear_message(officer, settings, language, message):
    settings.API_TOKEN_RATE = "3/minute"
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    wrong = {"email": officer.email, "password": "not-the-password"}

    statuses = [client.post(TOKEN_URL, wrong, format="json").status_code for _ in range(3)]
    response = client.post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}, format="json")

    assert statuses == [400, 400, 400]
    assert response.status_code == 429
    assert response.json() == {"error": {"code": "throttled", "message": message, "fields": {}}}
    assert response["Retry-After"] == "60"
    assert Token.objects.count() == 0


def test_token_throttle_counts_per_client_address(officer, settings):
    settings.API_TOKEN_RATE = "1/minute"
    credentials = {"email": officer.email, "password": PASSWORD}

    first = APIClient(REMOTE_ADDR="203.0.113.1").post(TOKEN_URL, credentials, format="json")
    again = APIClient(REMOTE_ADDR="203.0.113.1").post(TOKEN_URL, credentials, format="json")
    other = APIClient(REMOTE_ADDR="203.0.113.2").post(TOKEN_URL, credentials, format="json")

    assert (first.status_code, again.status_code, other.status_code) == (200, 429, 200)


def test_token_revocation_is_not_throttled(officer, settings):
    settings.API_TOKEN_RATE = "1/minute"
    key = APIClient().post(TOKEN_URL, {"email": officer.email, "password": PASSWORD}, format="json").json()
    client = _token_client(key["token"])

    assert client.delete(TOKEN_URL).status_code == 204
