"""The region in a real browser: a Russian visitor reads the landing page and expresses interest; a Chinese
visitor's bad input gets Chinese errors; an officer edits a dimension with the three languages side by side."""

import io
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from investbridge.demo import loader
from investbridge.directory import isic
from investbridge.directory.models import Sector
from investbridge.region.models import Dimension, DimensionKind, ExpressionOfInterest


@pytest.fixture
def demo_region(transactional_db):
    # A transactional test before this one flushed the sectors that a data migration created.
    for code in isic.SECTIONS:
        Sector.objects.get_or_create(code=code)
    loader.load(stdout=io.StringIO(), parts=("directory", "region"))


def test_russian_visitor_reads_landing_and_expresses_interest(page: Page, demo_region):
    page.goto("/ru/")

    expect(page.locator("h1")).to_have_text("Хайкоу, провинция Хайнань")
    expect(page.get_by_test_id("demo-notice")).to_be_visible()
    expect(page.locator(".dimension")).to_have_count(6)
    form = page.get_by_test_id("interest-form")
    form.get_by_label("Ваше имя").fill("Ольга Петрова")
    form.get_by_label("Адрес электронной почты").fill("olga@example.org")
    form.get_by_label("Страна").select_option("RU")
    form.get_by_label("Язык наших ответов").select_option("ru")
    form.locator("input[name=consent]").check()
    form.get_by_role("button", name="Отправить заявление").click()

    expect(page).to_have_url(re.compile(r"/ru/region/interest/thanks/$"))
    expect(page.get_by_test_id("interest-thanks").locator("h1")).to_have_text("Спасибо за ваш интерес")
    expression = ExpressionOfInterest.objects.get(email="olga@example.org")
    assert (expression.name, expression.country, expression.language) == ("Ольга Петрова", "RU", "ru")
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["olga@example.org"], "Мы получили ваше заявление о заинтересованности"),
        (["invest@investbridge.demo"], "新的投资意向：Ольга Петрова"),
        # The demo's officers are loaded with the region: the expression becomes an inquiry assigned to one.
        (["officer@investbridge.demo"], "Новый запрос от Ольга Петрова"),
    ]


def test_chinese_visitor_without_consent_gets_chinese_errors(page: Page, demo_region):
    page.goto("/zh-hans/region/interest/")

    page.get_by_test_id("interest-form").get_by_role("button", name="提交投资意向").click()

    expect(page.locator("p.errorlist")).to_have_text("请更正以下错误。")
    expect(page.locator(".field-consent [role=alert]")).to_have_text("须经您同意，我们才能与您联系。")
    assert ExpressionOfInterest.objects.filter(is_demo=False).count() == 0


def test_officer_edits_a_dimension_side_by_side(page: Page, sign_in, officer, demo_region):
    sign_in(officer, language="ru")
    page.goto("/ru/region/manage/")
    page.get_by_role("link", name="Инфраструктура").first.click()

    expect(page.locator("fieldset.translated").first.locator("input")).to_have_count(3)
    page.locator("input[name=title_ru]").fill("Транспорт и логистика")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.locator(".messages")).to_have_text("Направление сохранено.")
    assert Dimension.objects.get(kind=DimensionKind.INFRASTRUCTURE).title_ru == "Транспорт и логистика"
