"""Events in a real browser: a Russian-speaking visitor registers; an officer approves and downloads the report."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.core import mail
from playwright.sync_api import Page, expect

from investbridge.events.models import ApprovalMode, Registration, RegistrationStatus
from tests.factories.events import EventFactory, RegistrationFactory

# 10:00 in Moscow, 15:00 in Haikou (both without daylight saving time).
START = datetime(2031, 6, 10, 7, 0, tzinfo=UTC)


def test_russian_visitor_registers_sees_both_times_and_downloads_ics(new_context, transactional_db):
    event = EventFactory(
        slug="haikou-moscow-2031",
        title_ru="Видеоконференция «Хайкоу – Москва»",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=5,
    )
    page: Page = new_context(locale="ru-RU", accept_downloads=True).new_page()

    page.goto("/ru/events/")
    page.get_by_test_id("upcoming-events").get_by_role(
        "link", name="Видеоконференция «Хайкоу – Москва»"
    ).click()
    expect(page.get_by_test_id("event-times")).to_have_text(
        "10 июня 2031\u202fг., 10:00 Москва · 15:00 Хайкоу"
    )
    page.get_by_test_id("register-link").click()
    form = page.get_by_test_id("registration-form")
    form.locator("input[name=full_name]").fill("Анна Смирнова")
    form.locator("input[name=name_latin]").fill("Anna Smirnova")
    form.locator("input[name=email]").fill("anna.smirnova@example.ru")
    form.locator("input[name=organization_name]").fill("АО «Уральские машины»")
    form.locator("input[name=position]").fill("Директор по развитию")
    form.locator("select[name=country]").select_option("RU")
    form.locator("select[name=language]").select_option("ru")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()

    # The same "check your mailbox" page for every address; the personal link comes by e-mail only.
    expect(page).to_have_url(re.compile(r"/ru/events/haikou-moscow-2031/registered/$"))
    expect(page.get_by_test_id("registration-received")).to_contain_text("Проверьте почту")
    registration = Registration.objects.get(event=event)
    assert registration.manage_token not in page.content()
    (link,) = re.findall(r"/ru/events/manage/[\w-]+/", mail.outbox[-1].body)
    page.goto(link)
    expect(page.get_by_test_id("registration-status")).to_have_text("Подтверждена")
    expect(page.get_by_test_id("event-times")).to_contain_text("10:00 Москва · 15:00 Хайкоу")
    with page.expect_download() as download_info:
        page.get_by_test_id("personal-ics").click()
    ics = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert "BEGIN:VCALENDAR" in ics
    assert f"UID:{event.uid}-{registration.pk}@" in ics
    assert "DTSTART:20310610T070000Z" in ics


def test_officer_approves_registration_and_downloads_report(page: Page, sign_in, officer):
    event = EventFactory(slug="approval-event", title_en="Haikou – Kazan", approval_mode=ApprovalMode.OFFICER)
    pending = RegistrationFactory(
        event=event, arrival=1, status=RegistrationStatus.PENDING, full_name="Олег Иванов"
    )

    sign_in(officer, language="en")
    page.goto(f"/en/events/office/{event.slug}/registrations/")
    row = page.get_by_test_id(f"registration-{pending.pk}")
    expect(row).to_contain_text("Awaiting approval")
    page.get_by_test_id(f"approve-{pending.pk}").click()

    expect(page.get_by_test_id(f"registration-{pending.pk}")).to_contain_text("Confirmed")
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED
    page.goto(f"/en/events/office/{event.slug}/report/")
    expect(page.get_by_test_id("report-headline")).to_contain_text("1 representative of 1 organization")
    with page.expect_download() as download_info:
        page.get_by_test_id("report-pdf-ru").click()
    download = download_info.value
    assert download.suggested_filename.startswith("approval-event-report-ru-")
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
