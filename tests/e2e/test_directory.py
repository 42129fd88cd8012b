"""The directory in a real browser: live search without reload, side-by-side creation with duplicate warning."""

import re

from playwright.sync_api import Page, expect

from tests.factories.directory import OrganizationFactory


def test_officer_live_search_narrows_the_list_without_reload(page: Page, sign_in, officer):
    OrganizationFactory(name="Romashka", name_ru="ООО «Ромашка»", name_en="Romashka LLC")
    OrganizationFactory(name="Vostok", name_ru="АО «Восток»", name_en="Vostok JSC")
    sign_in(officer, language="ru")
    page.goto("/ru/directory/")
    page.evaluate("window.__marker = 'same page'")

    page.get_by_role("searchbox").fill("РОМАШ")

    rows = page.get_by_test_id("organization-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("ООО «Ромашка»")
    expect(page).to_have_url(re.compile(r"/ru/directory/\?q="))
    assert page.evaluate("window.__marker") == "same page"


def test_officer_creates_an_organization_and_is_warned_of_a_duplicate(page: Page, sign_in, officer):
    OrganizationFactory(name="Lotus", name_en="Lotus LLC", name_ru="ООО «Лотос»")
    sign_in(officer, language="en")
    page.goto("/en/directory/organizations/new/")

    page.locator("#id_name_zh_hans").fill("莲花有限责任公司")
    page.locator("#id_name_en").fill("LOTUS llc")
    page.locator("#id_country").select_option("RU")
    page.get_by_test_id("organization-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("duplicate-warning")).to_contain_text("Lotus LLC")
    page.locator("#id_confirm_duplicate").check()
    page.get_by_test_id("organization-form").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/en/directory/organizations/\d+/$"))
    expect(page.locator("h1")).to_contain_text("LOTUS llc")
