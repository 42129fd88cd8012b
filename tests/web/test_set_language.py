"""The language switcher's view: moves the page to the other language and saves a signed-in user's choice."""

import pytest

from tests.conftest import ROLES
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration


def test_switching_saves_the_signed_in_users_language(client, db):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/en/accounts/profile/"})

    assert (response.status_code, response["Location"]) == (302, "/zh-hans/accounts/profile/")
    assert response.cookies["django_language"].value == "zh-hans"
    user.refresh_from_db()
    assert user.language == "zh-hans"


def test_switching_as_a_visitor_sets_the_cookie_only(client, db):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/"})

    assert (response.status_code, response["Location"]) == (302, "/ru/")
    assert response.cookies["django_language"].value == "ru"


def test_switching_to_an_unknown_language_changes_nothing(client, db):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "de", "next": "/en/"})

    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert "django_language" not in response.cookies
    user.refresh_from_db()
    assert user.language == "en"


def test_switching_never_redirects_to_another_site(client, db):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "https://attacker.example/"})

    assert response["Location"] == "/"


@pytest.mark.parametrize("role", ROLES)
def test_set_language_permission_matrix(client_for, role):
    client = client_for(role)

    assert client.post("/i18n/setlang/", {"language": "en", "next": "/ru/"}).status_code == 302
    assert client.get("/i18n/setlang/").status_code == 405


@pytest.mark.parametrize("browser_language", ["zh-CN", "ru-RU", "en-GB", ""])
def test_switching_moves_the_page_whatever_the_browser_prefers(client, db, browser_language):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ru", "next": "/en/accounts/password-reset/"},
        HTTP_ACCEPT_LANGUAGE=browser_language,
    )

    assert response["Location"] == "/ru/accounts/password-reset/"
