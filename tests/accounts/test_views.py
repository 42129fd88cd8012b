"""Sign in, sign out, password reset and change, own settings, and who may open the administration site."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from investbridge.core.roles import Role
from tests.conftest import ROLES
from tests.factories.accounts import PASSWORD, OfficerFactory, UserFactory

pytestmark = pytest.mark.integration


def _sign_in(client, user, *, language="en", next_url=None, password=PASSWORD):
    data = {"username": user.email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(f"/{language}/accounts/login/", data)


def test_sign_in_goes_to_the_dashboard_in_the_language_being_read(client, db):
    user = OfficerFactory(language="ru")

    response = _sign_in(client, user, language="zh-hans")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/dashboard/"
    assert response.cookies["django_language"].value == "zh-hans"


def test_sign_in_keeps_the_saved_language_and_offers_to_save_the_reading_one(client, db):
    user = OfficerFactory(language="ru")

    response = _sign_in(client, user, language="zh-hans")
    page = client.get(response["Location"])

    user.refresh_from_db()
    assert user.language == "ru"
    html = page.content.decode()
    assert "您保存的语言是俄语：电子邮件将以该语言发送给您。" in html
    offer = re.search(r'<form [^>]*data-testid="language-offer".*?</form>', html, re.S)
    assert offer is not None
    assert 'name="language" value="zh-hans"' in offer.group(0)
    assert "将 简体中文 设为我的语言" in offer.group(0)


def test_accepting_the_offer_saves_the_reading_language(client, db):
    user = OfficerFactory(language="ru")
    _sign_in(client, user, language="zh-hans")

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/zh-hans/dashboard/"})

    assert response["Location"] == "/zh-hans/dashboard/"
    user.refresh_from_db()
    assert user.language == "zh-hans"


def test_sign_in_in_the_saved_language_offers_nothing(client, db):
    user = OfficerFactory(language="en")

    response = _sign_in(client, user, language="en")
    page = client.get(response["Location"])

    assert 'data-testid="language-offer"' not in page.content.decode()


def test_sign_in_with_next_continues_there_in_the_language_being_read(client, db):
    user = UserFactory(language="zh-hans")

    response = _sign_in(client, user, language="en", next_url="/ru/accounts/profile/")

    assert response["Location"] == "/en/accounts/profile/"


def test_sign_in_ignores_a_next_address_on_another_site(client, db):
    user = UserFactory(language="en")

    response = _sign_in(client, user, next_url="https://attacker.example/steal")

    assert response["Location"] == "/en/dashboard/"


def test_sign_in_with_wrong_password_shows_the_error_in_the_pages_language(client, db):
    user = UserFactory(language="en")

    response = _sign_in(client, user, language="ru", password="wrong-password")

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Пожалуйста, введите правильные")
    assert "_auth_user_id" not in client.session


def test_sign_in_page_redirects_a_signed_in_user_to_the_dashboard(client, db):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.get("/en/accounts/login/")

    assert (response.status_code, response["Location"]) == (302, "/en/dashboard/")


def test_sign_out_ends_the_session_and_returns_home(client, db):
    client.force_login(UserFactory())

    response = client.post("/ru/accounts/logout/")

    assert (response.status_code, response["Location"]) == (302, "/ru/")
    assert "_auth_user_id" not in client.session


def test_sign_out_refuses_get(client, db):
    client.force_login(UserFactory())

    assert client.get("/en/accounts/logout/").status_code == 405


def test_password_reset_mail_is_in_the_users_language_and_resets_the_password(client, db):
    user = UserFactory(email="ivan@example.org", full_name="Иван Петров", language="ru")

    response = client.post("/en/accounts/password-reset/", {"email": "Ivan@Example.org"})

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/password-reset/sent/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivan@example.org"]
    assert message.subject == "InvestBridge: сброс пароля"
    assert message.body.startswith("Здравствуйте, Иван Петров!")
    link = re.search(r"http://testserver(/ru/accounts/reset/\S+/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Secret-2026", "new_password2": "a-new-Secret-2026"},
    )
    assert (done.status_code, done["Location"]) == (302, "/ru/accounts/reset/done/")
    user.refresh_from_db()
    assert user.check_password("a-new-Secret-2026")


def test_password_reset_mail_in_chinese_for_a_chinese_speaking_user(client, db):
    UserFactory(email="wang@example.org", language="zh-hans")

    client.post("/ru/accounts/password-reset/", {"email": "wang@example.org"})

    assert [message.subject for message in mail.outbox] == ["InvestBridge：重置密码"]
    assert "/zh-hans/accounts/reset/" in mail.outbox[0].body


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/password-reset/sent/")
    assert mail.outbox == []


def test_password_reset_link_that_was_tampered_with_is_refused(client, db):
    UserFactory(email="ivan@example.org", language="en")

    response = client.get("/en/accounts/reset/MQ/not-a-token/")

    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_change_keeps_the_user_signed_in(client, db):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post(
        "/en/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-Secret-77",
            "new_password2": "another-Secret-77",
        },
    )

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/profile/")
    user.refresh_from_db()
    assert user.check_password("another-Secret-77")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_profile_saves_name_language_and_time_zone_and_switches_the_interface(client, db):
    user = UserFactory(language="en", time_zone="Asia/Shanghai")
    client.force_login(user)

    response = client.post(
        "/en/accounts/profile/",
        {"full_name": "  Анна Смирнова ", "language": "zh-hans", "time_zone": "Europe/Moscow"},
    )

    assert (response.status_code, response["Location"]) == (302, "/zh-hans/accounts/profile/")
    assert response.cookies["django_language"].value == "zh-hans"
    user.refresh_from_db()
    assert (user.full_name, user.language, user.time_zone) == ("Анна Смирнова", "zh-hans", "Europe/Moscow")
    page = client.get(response["Location"])
    assert [str(message) for message in page.context["messages"]] == ["您的设置已保存。"]


def test_profile_rejects_an_unknown_time_zone(client, db):
    user = UserFactory(language="en", time_zone="Asia/Shanghai")
    client.force_login(user)

    response = client.post(
        "/ru/accounts/profile/", {"full_name": "X", "language": "ru", "time_zone": "Mars/Olympus"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["time_zone"]
    user.refresh_from_db()
    assert user.time_zone == "Asia/Shanghai"


def test_profile_shows_the_current_settings(client, db):
    user = UserFactory(full_name="Chen Jie", language="en", time_zone="Europe/Moscow")
    client.force_login(user)

    form = client.get("/en/accounts/profile/").context["form"]

    assert form.initial == {"full_name": "Chen Jie", "language": "en", "time_zone": "Europe/Moscow"}


SIGNED_IN_PAGES = ["/en/accounts/profile/", "/en/accounts/password/"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_own_account_pages_permission_matrix(client_for, role, url):
    response = client_for(role).get(url)

    if role == "anonymous":
        assert (response.status_code, response["Location"]) == (302, f"/en/accounts/login/?next={url}")
    else:
        assert response.status_code == 200


PUBLIC_PAGES = [
    "/en/accounts/password-reset/",
    "/en/accounts/password-reset/sent/",
    "/en/accounts/reset/done/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_password_reset_pages_permission_matrix(client_for, role, url):
    assert client_for(role).get(url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_sign_in_page_permission_matrix(client_for, role):
    response = client_for(role).get("/en/accounts/login/")

    assert response.status_code == (200 if role == "anonymous" else 302)


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 302), ("company", 302), ("partner", 302), ("officer", 302), ("admin", 200)],
)
def test_admin_site_permission_matrix(client_for, role, expected_status):
    response = client_for(role).get("/admin/")

    assert response.status_code == expected_status
    if expected_status == 302:
        assert response["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.parametrize("role", ROLES)
def test_admin_user_list_permission_matrix(client_for, role):
    response = client_for(role).get("/admin/accounts/user/")

    assert response.status_code == (200 if role == Role.ADMIN else 302)


def test_staff_rights_for_a_non_administrator_are_refused_by_validation(db):
    officer = OfficerFactory.build(is_staff=True)

    with pytest.raises(ValidationError) as error, translation.override("en"):
        officer.full_clean()

    assert error.value.messages == ["Only administrators may have access to the administration site."]


@pytest.mark.django_db(transaction=True)
def test_staff_rights_for_a_non_administrator_are_refused_by_the_database():
    officer = OfficerFactory()
    officer.is_superuser = True

    with pytest.raises(IntegrityError), transaction.atomic():
        officer.save()


def test_admin_can_create_a_user_in_the_administration_site(client_for):
    response = client_for(Role.ADMIN.value).post(
        "/admin/accounts/user/add/",
        {
            "email": "new.officer@example.org",
            "usable_password": "true",
            "password1": "A-strong-pass-2026",
            "password2": "A-strong-pass-2026",
        },
    )

    assert response.status_code == 302
    from investbridge.accounts.models import User

    created = User.objects.get(email="new.officer@example.org")
    assert created.check_password("A-strong-pass-2026")
    assert (created.role, created.is_staff) == (Role.COMPANY, False)
