"""The foundation in a real browser: the landing page in each language, the switcher, signing in."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.factories.accounts import OfficerFactory

HOME = {"ru": "Главная", "zh-hans": "首页", "en": "Home"}
SIGN_IN = {"ru": "Войти", "zh-hans": "登录", "en": "Sign in"}


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_landing_page_opens_in_each_language(page: Page, language):
    page.goto(f"/{language}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("language-switcher")).to_be_visible()
    expect(page.locator(".mainnav a").first).to_have_text(HOME[language])
    expect(page.locator(".account a")).to_have_text(SIGN_IN[language])


def test_root_sends_a_chinese_browser_to_the_chinese_pages(new_context):
    page = new_context(locale="zh-CN").new_page()

    page.goto("/")

    expect(page).to_have_url(re.compile(r"/zh-hans/$"))


def test_language_switcher_moves_the_page_to_the_chosen_language(page: Page):
    page.goto("/en/accounts/password-reset/")

    page.get_by_test_id("language-switcher").locator("button[value=ru]").click()

    expect(page).to_have_url(re.compile(r"/ru/accounts/password-reset/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Сброс пароля")
    page.get_by_test_id("language-switcher").locator("button[value=zh-hans]").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/accounts/password-reset/$"))
    expect(page.locator("h1")).to_have_text("重置密码")


def test_officer_signs_in_and_reaches_the_dashboard(page: Page, sign_in, officer):
    sign_in(officer, language="en")

    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_russian_speaking_officer_signing_in_from_chinese_stays_in_chinese(page: Page, sign_in):
    officer = OfficerFactory(email="ivanova@example.org", language="ru")

    sign_in(officer, language="zh-hans")

    expect(page).to_have_url(re.compile(r"/zh-hans/dashboard/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    with translation.override("zh-hans"):  # whichever app's catalog gives the word, the page uses it
        expect(page.locator("h1")).to_have_text(gettext("Dashboard"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    officer.refresh_from_db()
    assert officer.language == "ru"


def test_accepting_the_sign_in_offer_saves_the_reading_language(page: Page, sign_in):
    officer = OfficerFactory(email="petrov@example.org", language="ru")
    sign_in(officer, language="en")

    page.get_by_test_id("language-offer").locator("button").click()

    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    expect(page.get_by_test_id("language-offer")).to_have_count(0)
    officer.refresh_from_db()
    assert officer.language == "en"


def test_signing_in_with_a_wrong_password_shows_the_error(page: Page, officer):
    page.goto("/ru/accounts/login/")
    page.locator("input[name=username]").fill(officer.email)
    page.locator("input[name=password]").fill("wrong-password")
    page.get_by_test_id("sign-in-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("sign-in-form").locator(".errorlist")).to_contain_text(
        "Пожалуйста, введите правильные"
    )
    expect(page).to_have_url(re.compile(r"/ru/accounts/login/$"))
