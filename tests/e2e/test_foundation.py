"""The foundation in a real browser: the landing page in each language, the switcher, signing in."""

import re

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_landing_page_opens_in_each_language(page: Page, language):
    page.goto(f"/{language}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("language-switcher")).to_be_visible()


def test_language_switcher_moves_the_page_to_the_chosen_language(page: Page):
    page.goto("/en/")

    page.get_by_test_id("language-switcher").locator("button[value=ru]").click()

    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_test_id("language-switcher").locator("button[value=zh-hans]").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def test_officer_signs_in_and_reaches_the_dashboard(page: Page, sign_in, officer):
    sign_in(officer, language="en")

    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    expect(page.locator("h1")).to_have_text("Dashboard")
