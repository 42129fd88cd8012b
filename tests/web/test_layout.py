"""The layout every page shares: the language switcher, the language prefix, the error pages."""

import re

import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import translation

from tests.web.urlwalk import walk

pytestmark = pytest.mark.integration

SWITCHER = 'data-testid="language-switcher"'


def _page_urls() -> list[str]:
    """Addresses of the language-prefixed pages that take no parameters (/ru/..., in the active language)."""
    urls = []
    with translation.override("ru"):  # the language prefix pattern prints the active language
        routes = list(walk(get_resolver().url_patterns))
    for route in routes:
        if (
            re.match(r"^/(ru|zh-hans|en)/", route.url)
            and "<" not in route.url
            and not re.search(r"[\^$()\[\]\\*+?]", route.url)
        ):
            urls.append(route.url)
    return sorted(set(urls))


def test_the_language_switcher_is_on_every_page(user_for_role):
    clients = {}
    for role in ("anonymous", "admin", "officer", "partner", "company"):
        clients[role] = Client()
        if user_for_role(role) is not None:
            clients[role].force_login(user_for_role(role))
    checked, without_switcher = [], []
    for url in _page_urls():
        for role, client in clients.items():
            response = client.get(url)
            body = response.content.decode(errors="replace") if response.status_code == 200 else ""
            if response.get("Content-Type", "").startswith("text/html") and body.lstrip().lower().startswith(
                "<!doctype html"
            ):
                checked.append(url)
                if SWITCHER not in body:
                    without_switcher.append(f"{url} (as {role})")
                break

    assert without_switcher == []
    assert {"/ru/", "/ru/dashboard/", "/ru/accounts/login/", "/ru/accounts/profile/"} <= set(checked)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("", "/ru/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("en-US,en;q=0.8", "/en/"),
        ("ru-RU", "/ru/"),
        ("de-DE", "/ru/"),
    ],
)
def test_root_redirects_to_a_language_prefix(client, db, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert (response.status_code, response["Location"]) == (302, expected)


def test_root_follows_the_language_cookie(client, db):
    client.cookies["django_language"] = "zh-hans"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/zh-hans/"


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Такой страницы нет"), ("zh-hans", "此页面不存在"), ("en", "This page does not exist")],
)
def test_404_page_is_in_the_language_of_the_address_and_has_the_switcher(client, db, language, heading):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert SWITCHER in body


@pytest.mark.urls("tests.web.layout_urls")
@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Доступ запрещён"), ("zh-hans", "无权访问"), ("en", "Access denied")],
)
def test_403_page_is_in_the_language_of_the_address_and_has_the_switcher(client_for, language, heading):
    response = client_for("company").get(f"/{language}/officers-only/")

    assert response.status_code == 403
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert SWITCHER in body


@pytest.mark.urls("tests.web.layout_urls")
@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 302), ("company", 403), ("partner", 403), ("officer", 200), ("admin", 200)],
)
def test_role_required_page_matrix(client_for, role, expected_status):
    assert client_for(role).get("/en/officers-only/").status_code == expected_status


def test_500_page_renders_without_a_request():
    from django.template import loader
    from django.utils import translation

    with translation.override("ru"):
        html = loader.get_template("500.html").render()

    assert '<html lang="ru">' in html
    assert "<h1>Что-то пошло не так</h1>" in html


@pytest.mark.parametrize(
    ("language", "home", "sign_in"),
    [("ru", "Главная", "Войти"), ("zh-hans", "首页", "登录"), ("en", "Home", "Sign in")],
)
def test_layout_speaks_the_language_of_the_address(client, db, language, home, sign_in):
    body = client.get(f"/{language}/accounts/password-reset/").content.decode()

    assert f'<a href="/{language}/">{home}</a>' in body
    assert f'<a href="/{language}/accounts/login/">{sign_in}</a>' in body


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_switcher_names_each_language_in_that_language(client, db, language):
    body = client.get(f"/{language}/accounts/login/").content.decode()

    buttons = re.findall(
        r'<button type="submit" name="language" value="([^"]+)" lang="[^"]+"[^>]*>([^<]+)</button>', body
    )
    assert buttons == [("ru", "Русский"), ("zh-hans", "简体中文"), ("en", "English")]
