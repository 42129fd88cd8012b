"""An officer creates an event through the form with every text in the three languages, then edits it in each
interface language in turn, changing only that language's texts; each language's public page shows its own
title, summary, description, cities and venue, with the interface in that language (issue 13, journey a).

The journey starts in Russian or in Chinese; whichever language the officer works in, no language's text is
overwritten by another's.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from investbridge.events.models import Event

LANGUAGES = ("ru", "zh-hans", "en")
SUFFIXES = {"ru": "ru", "zh-hans": "zh_hans", "en": "en"}
FIELDS = ("title", "summary", "description", "host_city", "partner_city", "venue")

#: Each language's texts as created.
CREATED = {
    "ru": {
        "title": "Хайкоу – Казань: логистика",
        "summary": "Порт Хайкоу и склады свободного порта.",
        "description": "Представители порта расскажут о таможенных льготах.",
        "host_city": "Хайкоу",
        "partner_city": "Казань",
        "venue": "Онлайн, зал «Волга»",
    },
    "zh-hans": {
        "title": "海口—喀山：物流",
        "summary": "海口港与自由贸易港仓储。",
        "description": "港口代表将介绍海关优惠政策。",
        "host_city": "海口",
        "partner_city": "喀山",
        "venue": "线上，伏尔加厅",
    },
    "en": {
        "title": "Haikou – Kazan: logistics",
        "summary": "The port of Haikou and the free trade port's warehouses.",
        "description": "The port's representatives present the customs incentives.",
        "host_city": "Haikou",
        "partner_city": "Kazan",
        "venue": "Online, Volga hall",
    },
}
#: What the officer changes when working in each interface language: that language's title, summary and
#: description only.
EDITED = {
    "ru": {
        "title": "Хайкоу – Казань: логистика и склады",
        "summary": "Порт Хайкоу, склады и холодовая цепь.",
        "description": "Представители порта и таможни расскажут о льготах и сроках оформления.",
    },
    "zh-hans": {
        "title": "海口—喀山：物流与仓储",
        "summary": "海口港、仓储与冷链。",
        "description": "港口和海关代表将介绍优惠政策和通关时限。",
    },
    "en": {
        "title": "Haikou – Kazan: logistics and warehouses",
        "summary": "The port of Haikou, warehouses and the cold chain.",
        "description": "The port's and the customs' representatives present the incentives and clearance times.",
    },
}
#: An interface text of each language on the pages the journey opens, so an English fallback fails.
INTERFACE = {
    "ru": {
        "create": "Создать мероприятие",
        "edit": "Редактирование мероприятия",
        "register": "Зарегистрироваться",
    },
    "zh-hans": {"create": "创建活动", "edit": "编辑活动", "register": "报名"},
    "en": {"create": "Create an event", "edit": "Edit the event", "register": "Register"},
}
#: "{host} – {partner}" in each language's interface.
CITY_LINES = {"ru": "Хайкоу – Казань", "zh-hans": "海口—喀山", "en": "Haikou – Kazan"}


def _expected(after_edits: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {
        language: {**CREATED[language], **(EDITED[language] if language in after_edits else {})}
        for language in LANGUAGES
    }


def _field(form, name: str, language: str):
    return form.locator(f"[name={name}_{SUFFIXES[language]}]")


def _expect_form_holds(form, texts: dict[str, dict[str, str]]) -> None:
    for language in LANGUAGES:
        for name in FIELDS:
            expect(_field(form, name, language)).to_have_value(texts[language][name])


@pytest.mark.parametrize("interface", ["ru", "zh-hans"])
def test_officer_creates_and_edits_an_event_in_three_languages_and_each_public_page_shows_its_own(
    page: Page, sign_in, officer, interface
):
    slug = f"haikou-kazan-{interface}"
    sign_in(officer, language=interface)

    # Created through the form, every text in the three languages side by side.
    page.goto(f"/{interface}/events/office/new/")
    expect(page.locator("h1")).to_have_text(INTERFACE[interface]["create"])
    form = page.get_by_test_id("event-form")
    for language in LANGUAGES:
        for name in FIELDS:
            _field(form, name, language).fill(CREATED[language][name])
    form.locator("input[name=slug]").fill(slug)
    form.locator("select[name=host_time_zone]").select_option("Asia/Shanghai")
    form.locator("select[name=partner_time_zone]").select_option("Europe/Moscow")
    form.locator("input[name=starts_at]").fill("2031-06-10T15:00")
    form.locator("input[name=ends_at]").fill("2031-06-10T17:00")
    form.locator("input[name=capacity]").fill("40")
    form.locator("select[name=status]").select_option("published")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{interface}/events/office/{slug}/agenda/$"))

    # Edited in each interface language in turn (the journey's language first), each time only that language's
    # texts; the form always shows every language's current texts.
    order = (interface, *[language for language in LANGUAGES if language != interface])
    done: tuple[str, ...] = ()
    for language in order:
        page.goto(f"/{language}/events/office/{slug}/edit/")
        expect(page.locator("h1")).to_have_text(INTERFACE[language]["edit"])
        form = page.get_by_test_id("event-form")
        _expect_form_holds(form, _expected(done))
        for name, text in EDITED[language].items():
            _field(form, name, language).fill(text)
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"/{language}/events/office/{slug}/registrations/$"))
        done = (*done, language)
        event = Event.objects.get(slug=slug)
        assert {
            language: {name: getattr(event, f"{name}_{SUFFIXES[language]}") for name in FIELDS}
            for language in LANGUAGES
        } == _expected(done)

    # Each language's public page: its own texts, and the interface in that language.
    for language in LANGUAGES:
        texts = _expected(LANGUAGES)[language]
        page.goto(f"/{language}/events/{slug}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        article = page.locator("article")
        expect(article.locator("h1")).to_have_text(texts["title"])
        expect(article).to_contain_text(texts["summary"])
        expect(article).to_contain_text(texts["description"])
        expect(article).to_contain_text(f"{CITY_LINES[language]} · {texts['venue']}")
        expect(page.get_by_test_id("register-link")).to_have_text(INTERFACE[language]["register"])
