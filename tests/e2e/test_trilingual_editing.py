"""An officer creates an event and edits its title in the three languages; each language's public page shows
its own title, whichever interface language the officer works in."""

import re

import pytest
from playwright.sync_api import Page, expect

from investbridge.events.models import Event

TITLES = {
    "ru": ("Хайкоу – Казань: логистика", "Хайкоу – Казань: логистика и склады"),
    "zh-hans": ("海口—喀山：物流", "海口—喀山：物流与仓储"),
    "en": ("Haikou – Kazan: logistics", "Haikou – Kazan: logistics and warehouses"),
}
CITIES = {"host_city": ("Хайкоу", "海口", "Haikou"), "partner_city": ("Казань", "喀山", "Kazan")}
SUFFIXES = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}


def _fill_titles(form, version: int) -> None:
    for language, titles in TITLES.items():
        form.locator(f"input[name=title_{SUFFIXES[language]}]").fill(titles[version])


@pytest.mark.parametrize("interface", ["ru", "zh-hans"])
def test_officer_edits_an_event_in_three_languages_and_each_public_page_shows_its_own(
    page: Page, sign_in, officer, interface
):
    slug = f"haikou-kazan-{interface}"
    sign_in(officer, language=interface)

    page.goto(f"/{interface}/events/office/new/")
    form = page.get_by_test_id("event-form")
    _fill_titles(form, 0)
    for field, names in CITIES.items():
        for suffix, name in zip(("ru", "zh_hans", "en"), names, strict=True):
            form.locator(f"input[name={field}_{suffix}]").fill(name)
    form.locator("input[name=slug]").fill(slug)
    form.locator("select[name=host_time_zone]").select_option("Asia/Shanghai")
    form.locator("select[name=partner_time_zone]").select_option("Europe/Moscow")
    form.locator("input[name=starts_at]").fill("2031-06-10T15:00")
    form.locator("input[name=ends_at]").fill("2031-06-10T17:00")
    form.locator("input[name=capacity]").fill("40")
    form.locator("select[name=status]").select_option("published")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{interface}/events/office/{slug}/agenda/$"))

    page.goto(f"/{interface}/events/office/{slug}/edit/")
    form = page.get_by_test_id("event-form")
    for language, titles in TITLES.items():  # the form shows each language's own title
        expect(form.locator(f"input[name=title_{SUFFIXES[language]}]")).to_have_value(titles[0])
    _fill_titles(form, 1)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{interface}/events/office/{slug}/registrations/$"))

    for language, titles in TITLES.items():
        page.goto(f"/{language}/events/{slug}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text(titles[1])
    event = Event.objects.get(slug=slug)
    assert (event.title_ru, event.title_zh_hans, event.title_en) == tuple(t[1] for t in TITLES.values())
