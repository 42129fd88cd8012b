"""Sign-in lock-out (django-axes, in the limits cache): per account and per client address, for the web sign-in
and POST /api/v1/auth/token together; 429 in the user's language that does not tell whether the account exists;
over after the cool-off; a forged X-Forwarded-For does not get around it."""

import types

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache.backends import locmem
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories.accounts import PASSWORD, OfficerFactory, UserFactory

pytestmark = pytest.mark.integration

TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.API_TOKEN_RATE = "100/minute"  # the per-address throttle is not what these tests are about


def _web_sign_in(email, password, *, address="192.0.2.1", language="en", **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    return client, client.post(f"/{language}/accounts/login/", {"username": email, "password": password})


def _api_sign_in(email, password, *, address="192.0.2.1", language="en", **extra):
    client = APIClient(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language, **extra)
    return client.post(TOKEN_URL, {"email": email, "password": password}, format="json")


def _locked_message(response):
    return response.context["message"]


def test_web_sign_in_locks_the_account_after_the_failure_limit_whatever_the_address(db):
    user = UserFactory(email="ivan@example.org")

    statuses = [_web_sign_in(user.email, "wrong", address=f"192.0.2.{n}")[1].status_code for n in range(1, 4)]
    client, right_password = _web_sign_in(user.email, PASSWORD, address="192.0.2.99")

    assert statuses == [200, 200, 429]
    assert right_password.status_code == 429
    assert right_password["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_web_sign_in_counts_the_account_in_any_case_and_spacing(db):
    user = UserFactory(email="ivan@example.org")

    for n, typed in enumerate(["IVAN@example.org", " ivan@Example.org", "ivan@example.org"], start=1):
        _web_sign_in(typed, "wrong", address=f"192.0.2.{n}")
    _client, response = _web_sign_in(user.email, PASSWORD, address="192.0.2.99")

    assert response.status_code == 429


def test_web_sign_in_locks_the_address_after_the_failure_limit_whatever_the_account(db):
    user = UserFactory(email="ivan@example.org")

    statuses = [
        _web_sign_in(f"guess{n}@example.org", "wrong", address="192.0.2.50")[1].status_code for n in range(3)
    ]
    _client, same_address = _web_sign_in(user.email, PASSWORD, address="192.0.2.50")
    _client, other_address = _web_sign_in(user.email, PASSWORD, address="192.0.2.51")

    assert statuses == [200, 200, 429]
    assert (same_address.status_code, other_address.status_code) == (429, 302)


def test_web_sign_in_lock_out_ignores_a_forged_forwarded_for(db, settings):
    settings.TRUSTED_PROXIES = 0
    user = UserFactory(email="ivan@example.org")

    for n in range(3):
        _web_sign_in(
            f"guess{n}@example.org", "wrong", address="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
    _client, response = _web_sign_in(
        user.email, PASSWORD, address="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )

    assert response.status_code == 429


def test_web_sign_in_behind_a_trusted_proxy_locks_the_forwarded_client_not_the_proxy(db, settings):
    settings.TRUSTED_PROXIES = 1
    user = UserFactory(email="ivan@example.org")

    for n in range(3):
        _web_sign_in(f"guess{n}@example.org", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    _client, attacker = _web_sign_in(
        user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    _client, other = _web_sign_in(
        user.email, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6"
    )

    assert (attacker.status_code, other.status_code) == (429, 302)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Слишком много неудачных попыток входа. Вход заблокирован на 15 минут, попробуйте позже."),
        ("zh-hans", "登录失败次数过多。登录已被暂停 15 分钟，请稍后再试。"),
        (
            "en",
            "Too many failed attempts to sign in. Signing in is blocked for 15 minutes; please try again later.",
        ),
    ],
)
def test_web_lock_out_page_is_in_the_users_language_and_the_same_for_unknown_accounts(db, language, message):
    UserFactory(email="ivan@example.org")
    known = unknown = None
    for n in range(3):
        _client, known = _web_sign_in("ivan@example.org", "wrong", address=f"192.0.2.{n}", language=language)
        _client, unknown = _web_sign_in(
            "nobody@example.org", "wrong", address=f"198.51.100.{n}", language=language
        )

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert _locked_message(known) == _locked_message(unknown) == message
    assert message in known.content.decode()


def test_web_lock_out_ends_after_the_cool_off(db, settings, monkeypatch):
    user = UserFactory(email="ivan@example.org")
    for n in range(3):
        _web_sign_in(user.email, "wrong", address=f"192.0.2.{n}")
    _client, locked = _web_sign_in(user.email, PASSWORD)

    later = locmem.time.time() + 15 * 60 + 1
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: later))
    client, after = _web_sign_in(user.email, PASSWORD)

    assert (locked.status_code, after.status_code) == (429, 302)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_api_token_locks_the_account_after_the_failure_limit_with_json_429(db):
    officer = OfficerFactory(email="officer@example.org")

    statuses = [_api_sign_in(officer.email, "wrong", address=f"192.0.2.{n}").status_code for n in range(1, 4)]
    response = _api_sign_in(officer.email, PASSWORD, address="192.0.2.99", language="ru")

    assert statuses == [400, 400, 429]
    assert response.status_code == 429
    assert response.json() == {
        "error": {
            "code": "locked_out",
            "message": "Слишком много неудачных попыток входа. Вход заблокирован на 15 минут, попробуйте позже.",
            "fields": {},
        }
    }
    assert response["Retry-After"] == "900"
    assert Token.objects.count() == 0


def test_api_token_lock_out_is_the_same_for_an_unknown_account(db):
    OfficerFactory(email="officer@example.org")
    known = unknown = None
    for n in range(3):
        known = _api_sign_in("officer@example.org", "wrong", address=f"192.0.2.{n}")
        unknown = _api_sign_in("nobody@example.org", "wrong", address=f"198.51.100.{n}")

    assert known.status_code == 429
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())


def test_api_token_locks_the_address_even_with_a_forged_forwarded_for(db, settings):
    settings.TRUSTED_PROXIES = 0
    officer = OfficerFactory(email="officer@example.org")

    for n in range(3):
        _api_sign_in(
            f"guess{n}@example.org", "wrong", address="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
    same = _api_sign_in(officer.email, PASSWORD, address="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = _api_sign_in(officer.email, PASSWORD, address="192.0.2.51")

    assert (same.status_code, same.json()["error"]["code"], other.status_code) == (429, "locked_out", 200)


def test_web_and_api_failures_count_together(db):
    officer = OfficerFactory(email="officer@example.org")

    _web_sign_in(officer.email, "wrong", address="192.0.2.1")
    _web_sign_in(officer.email, "wrong", address="192.0.2.2")
    third = _api_sign_in(officer.email, "wrong", address="192.0.2.3")
    _client, web = _web_sign_in(officer.email, PASSWORD, address="192.0.2.4")

    assert (third.status_code, web.status_code) == (429, 429)


def test_api_token_lock_out_ends_after_the_cool_off(db, monkeypatch):
    officer = OfficerFactory(email="officer@example.org")
    for n in range(3):
        _api_sign_in(officer.email, "wrong", address=f"192.0.2.{n}")

    locked = _api_sign_in(officer.email, PASSWORD)

    later = locmem.time.time() + 15 * 60 + 1
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=lambda: later))

    assert (locked.status_code, _api_sign_in(officer.email, PASSWORD).status_code) == (429, 200)


@pytest.fixture
def database_limits_cache(settings):
    """The limits cache as in production without Redis: the database table of the core app's migration."""
    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "investbridge.core.cache.DatabaseCache", "LOCATION": "investbridge_limits"},
    }
    AxesProxyHandler.get_implementation(force=True)
    yield
    AxesProxyHandler.implementation = None  # made again, on the restored cache, when next needed


def test_lock_out_works_on_the_database_cache(db, database_limits_cache):
    user = UserFactory(email="ivan@example.org")

    statuses = [_web_sign_in(user.email, "wrong", address=f"192.0.2.{n}")[1].status_code for n in range(1, 4)]
    api = _api_sign_in(user.email, PASSWORD, address="192.0.2.99")

    assert statuses == [200, 200, 429]
    assert (api.status_code, api.json()["error"]["code"]) == (429, "locked_out")
