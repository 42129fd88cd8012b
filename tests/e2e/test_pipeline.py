"""The pipeline and the partner portal in a real browser: the acceptance path of the issue."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from investbridge.core.roles import Role
from investbridge.pipeline.models import Inquiry, Lead
from tests.factories.accounts import OfficerFactory, UserFactory
from tests.factories.directory import OrganizationFactory
from tests.factories.pipeline import LeadFactory


@pytest.fixture
def russian_officer(db):
    return OfficerFactory(email="li.ming@example.org", language="ru", full_name="Ли Мин")


def test_russian_investor_inquires_and_officer_answers_stopping_the_clock(
    page: Page, sign_in, russian_officer
):
    page.goto("/ru/pipeline/inquiry/")
    page.locator("input[name=company_name]").fill("ООО «Северный ветер»")
    page.locator("input[name=contact_name]").fill("Анна Смирнова")
    page.locator("input[name=email]").fill("anna@veter.example.ru")
    page.locator("select[name=country]").select_option("RU")
    page.locator("select[name=cooperation_kind]").select_option("investment")
    page.locator("textarea[name=message]").fill("Хотим открыть производство в Хайкоу.")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Отправить запрос").click()

    expect(page.get_by_test_id("inquiry-thanks")).to_be_visible()
    acknowledgement = next(message for message in mail.outbox if message.to == ["anna@veter.example.ru"])
    assert acknowledgement.subject == "Мы получили ваш запрос"

    inquiry = Inquiry.objects.get()
    sign_in(russian_officer, language="ru")
    page.goto(f"/ru/pipeline/inquiries/{inquiry.pk}/")
    expect(page.get_by_test_id("sla-clock")).to_contain_text("Ожидает ответа")
    form = page.get_by_test_id("reply-form")
    expect(form.locator("select[name=language]")).to_have_value("ru")
    form.locator("input[name=subject]").fill("Ответ на ваш запрос")
    form.locator("textarea[name=body]").fill("Спасибо! Предлагаем созвониться в четверг.")
    form.get_by_role("button", name="Отправить ответ").click()

    expect(page.get_by_test_id("sla-clock")).to_contain_text("Отвечено в срок")
    expect(page.get_by_test_id("first-reply")).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.first_reply_language == "ru"


def test_officer_moves_a_lead_on_the_board_without_reload(page: Page, sign_in, officer):
    lead = LeadFactory(title="Завод по переработке фруктов", owner=officer)
    sign_in(officer, language="en")
    page.goto("/en/pipeline/leads/board/")
    card = page.locator(f"#lead-{lead.pk}")
    page.evaluate("window.notReloaded = true")

    card.locator("select[name=stage]").select_option("engaged")
    card.get_by_role("button", name="Move").click()

    expect(page.locator("section[data-stage=engaged]").locator(f"#lead-{lead.pk}")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    lead.refresh_from_db()
    assert (lead.stage, lead.version) == ("engaged", 2)


def test_partner_refers_a_company_and_sees_only_its_own_work(page: Page, sign_in, officer):
    partner_a = OrganizationFactory(name="Partner A Bank", kind="bank", is_partner=True)
    partner_b = OrganizationFactory(name="Partner B Union", kind="association", is_partner=True)
    user = UserFactory(
        email="staff@partner-a.example", role=Role.PARTNER, organization=partner_a, language="ru"
    )
    LeadFactory(
        source="partner", source_partner=partner_b, organization=OrganizationFactory(name="Чужая компания")
    )
    sign_in(user, language="ru")

    page.goto("/ru/agreements/portal/referrals/new/")
    page.locator("input[name=company_name]").fill("АО «Уральский металл»")
    page.locator("select[name=country]").select_option("RU")
    page.locator("input[name=contact_name]").fill("Сергей Орлов")
    page.locator("input[name=contact_email]").fill("orlov@uralmet.example")
    page.locator("textarea[name=description]").fill("Ищут площадку для склада.")
    page.get_by_role("button", name="Рекомендовать компанию").click()

    expect(page).to_have_url(re.compile(r"/ru/agreements/portal/referrals/\d+/$"))
    expect(page.get_by_test_id("referral-stage")).to_have_text("Запрос")
    page.goto("/ru/agreements/portal/referrals/")
    expect(page.get_by_test_id("referral-list")).to_contain_text("АО «Уральский металл»")
    expect(page.get_by_test_id("referral-list")).not_to_contain_text("Чужая компания")
    assert Lead.objects.get(organization__name_ru="АО «Уральский металл»").source_partner == partner_a
