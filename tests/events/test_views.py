import io
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from investbridge.events.models import ApprovalMode, EventStatus, Registration, RegistrationStatus
from tests.factories.events import (
    Christmas2020EventFactory,
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    VideoRoomFactory,
)

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("language", "times"),
    [
        ("en", "24 December 2020, 10:00 Moscow · 15:00 Haikou"),
        ("ru", "24 декабря 2020\u202fг., 10:00 Москва · 15:00 Хайкоу"),
        ("zh-hans", "2020年12月24日，莫斯科 10:00 · 海口 15:00"),
    ],
)
def test_event_detail_shows_both_cities_times_in_reader_language(client, db, language, times):
    event = Christmas2020EventFactory(slug="haikou-moscow-2020")
    SessionFactory(event=event, title_en="Opening", title_ru="Открытие", title_zh_hans="开幕")

    response = client.get(f"/{language}/events/{event.slug}/")

    assert response.status_code == 200
    assert times in response.content.decode(), re.findall(
        r"data-testid=\"event-times\">([^<]*)<", response.content.decode()
    )


def test_event_list_splits_upcoming_and_past(client, db):
    upcoming = EventFactory(title_en="Next conference")
    past = Christmas2020EventFactory(title_en="Old conference")
    EventFactory(title_en="Hidden draft", status=EventStatus.DRAFT)

    response = client.get("/en/events/")

    assert [e.pk for e in response.context["upcoming"]] == [upcoming.pk]
    assert [e.pk for e in response.context["past"]] == [past.pk]
    assert "Hidden draft" not in response.content.decode()


def test_event_list_query_count_is_constant(client, db, django_assert_num_queries):
    for _ in range(5):
        EventFactory()
    Christmas2020EventFactory()

    # session? no: anonymous; one query for upcoming, one for past, one for the footer's office contacts.
    with django_assert_num_queries(3):
        response = client.get("/en/events/")

    assert response.status_code == 200


def test_event_detail_draft_hidden_from_visitors(client, db):
    event = EventFactory(status=EventStatus.DRAFT)

    assert client.get(f"/en/events/{event.slug}/").status_code == 404


def _form(**overrides):
    data = {
        "full_name": "Анна Смирнова",
        "name_latin": "Anna Smirnova",
        "email": "anna@example.org",
        "organization_name": "АО «Уральские машины»",
        "position": "Директор по развитию",
        "country": "RU",
        "language": "ru",
        "time_zone": "",
        "sectors": ["C", "H"],
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_register_post_creates_registration_and_redirects_to_mailbox_page(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=3)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ru/events/{event.slug}/register/", _form())

    registration = Registration.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/ru/events/{event.slug}/registered/")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert sorted(registration.sectors.values_list("pk", flat=True)) == ["C", "H"]
    assert len(mail.outbox) == 1
    # The personal link is in the mail, and it works.
    link = f"/ru/events/manage/{registration.manage_token}/"
    assert link in mail.outbox[0].body
    page = client.get(link)
    assert page.status_code == 200
    assert "Подтверждена" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Проверьте почту"), ("zh-hans", "请查收邮件"), ("en", "Check your mailbox")],
)
def test_register_post_known_email_same_redirect_and_page_reminder_mailed(
    client, db, django_capture_on_commit_callbacks, language, heading
):
    event = EventFactory(capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/{language}/events/{event.slug}/register/", _form(language=language))
    registration = Registration.objects.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/{language}/events/{event.slug}/register/",
            _form(email="ANNA@example.org", full_name="Someone Else", language="en"),
        )

    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"])
    page = client.get(again["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert heading in body
    assert registration.manage_token not in body
    assert "anna@example.org" not in body.lower()
    assert "Анна Смирнова" not in body
    assert Registration.objects.get().full_name == "Анна Смирнова"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    # In the registration's language (not the one the second form asked for), with the registrant's own link.
    link = f"/{language}/events/manage/{registration.manage_token}/"
    assert link in mail.outbox[0].body
    assert client.get(link).status_code == 200


def test_register_post_closed_event_known_email_same_error_as_new(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/events/{event.slug}/register/", _form(language="en"))
    event.status = EventStatus.CLOSED
    event.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(f"/en/events/{event.slug}/register/", _form())
        new = client.post(f"/en/events/{event.slug}/register/", _form(email="new@example.org"))

    assert (known.status_code, new.status_code) == (400, 400)
    assert known.context["form"].non_field_errors() == new.context["form"].non_field_errors()
    assert Registration.objects.get().manage_token not in known.content.decode()
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_register_post_invalid_input_shows_errors_in_language(client, db):
    event = EventFactory()

    response = client.post(f"/ru/events/{event.slug}/register/", _form(email="nope"))

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Введите правильный адрес электронной почты."]
    assert Registration.objects.count() == 0


def test_register_post_closed_event_error_in_language(client, db):
    event = EventFactory(status=EventStatus.CLOSED)

    response = client.post(f"/zh-hans/events/{event.slug}/register/", _form())

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["本活动报名已截止。"]


def test_public_calendar_has_no_join_link(client, db):
    event = EventFactory()
    VideoRoomFactory(event=event)

    body = client.get(f"/en/events/{event.slug}/calendar.ics").content.decode()

    assert f"UID:{event.uid}@" in body
    assert "meet.jit.si" not in body
    assert "METHOD:PUBLISH" in body


def test_personal_calendar_has_join_link_only_when_confirmed(client, db):
    event = EventFactory()
    VideoRoomFactory(event=event, room_name="haikou-room")
    confirmed = RegistrationFactory(event=event, arrival=1)
    waiting = RegistrationFactory(event=event, arrival=2, status=RegistrationStatus.WAITLISTED)

    confirmed_body = client.get(f"/en/events/manage/{confirmed.manage_token}/calendar.ics").content.decode()
    waiting_body = client.get(f"/en/events/manage/{waiting.manage_token}/calendar.ics").content.decode()

    assert "https://meet.jit.si/haikou-room" in confirmed_body.replace("\r\n ", "")
    assert "meet.jit.si" not in waiting_body
    assert "STATUS:TENTATIVE" in waiting_body


def test_manage_cancel_promotes_next(client, db):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event, arrival=1)
    second = RegistrationFactory(event=event, arrival=2, status=RegistrationStatus.WAITLISTED)

    response = client.post(f"/en/events/manage/{first.manage_token}/cancel/")

    second.refresh_from_db()
    assert response.status_code == 302
    assert second.status == RegistrationStatus.CONFIRMED


def test_manage_unknown_token_is_404(client, db):
    assert client.get("/en/events/manage/not-a-token/").status_code == 404


OFFICE_URLS = [
    "/en/events/office/",
    "/en/events/office/new/",
    "/en/events/office/{slug}/edit/",
    "/en/events/office/{slug}/agenda/",
    "/en/events/office/{slug}/registrations/",
    "/en/events/office/{slug}/announce/",
    "/en/events/office/{slug}/attendance/",
    "/en/events/office/{slug}/report/",
    "/en/events/office/{slug}/report.csv",
]


@pytest.mark.parametrize("url", OFFICE_URLS)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("company", 403), ("partner", 403), ("officer", 200), ("admin", 200)],
)
def test_office_pages_permission_matrix(client_for, role, expected, url):
    event = EventFactory(slug="matrix-event")

    response = client_for(role).get(url.format(slug=event.slug))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("company", 403), ("partner", 403), ("officer", 302), ("admin", 302)],
)
def test_office_approve_permission_matrix(client_for, role, expected):
    event = EventFactory(approval_mode=ApprovalMode.OFFICER)
    registration = RegistrationFactory(event=event, status=RegistrationStatus.PENDING)

    response = client_for(role).post(f"/en/events/office/registrations/{registration.pk}/approve/")

    registration.refresh_from_db()
    assert response.status_code == expected
    assert registration.status == (
        RegistrationStatus.CONFIRMED
        if expected == 302 and role != "anonymous"
        else RegistrationStatus.PENDING
    )


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/",
        "/en/events/{slug}/",
        "/en/events/{slug}/register/",
        "/en/events/{slug}/registered/",
        "/en/events/{slug}/calendar.ics",
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "company", "partner", "officer", "admin"])
def test_public_pages_permission_matrix(client_for, role, url):
    event = EventFactory(slug="public-event")

    assert client_for(role).get(url.format(slug=event.slug)).status_code == 200


def test_office_create_event_three_languages(client_for, db):
    client = client_for("officer")
    data = {
        "title_ru": "Хайкоу – Казань",
        "title_zh_hans": "海口—喀山",
        "title_en": "Haikou – Kazan",
        "host_city_ru": "Хайкоу",
        "host_city_zh_hans": "海口",
        "host_city_en": "Haikou",
        "partner_city_ru": "Казань",
        "partner_city_zh_hans": "喀山",
        "partner_city_en": "Kazan",
        "slug": "haikou-kazan",
        "format": "online",
        "host_time_zone": "Asia/Shanghai",
        "partner_time_zone": "Europe/Moscow",
        "starts_at": "2030-03-10T15:00",
        "ends_at": "2030-03-10T17:00",
        "capacity": "50",
        "approval_mode": "automatic",
        "status": "published",
    }

    response = client.post("/en/events/office/new/", data)

    assert response.status_code == 302
    event = client.get("/ru/events/haikou-kazan/").context["event"]
    assert event.title_zh_hans == "海口—喀山"
    # The officer's zone is the office's (Asia/Shanghai): 15:00 there is 07:00 UTC.
    assert event.starts_at == datetime(2030, 3, 10, 7, 0, tzinfo=UTC)


def test_office_create_event_missing_title_in_all_languages_is_400_free_error(client_for, db):
    response = client_for("officer").post("/en/events/office/new/", {"slug": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["title_ru"] == ["Fill this in at least one language."]


@pytest.mark.parametrize(
    ("language", "registered", "attended"),
    [
        ("zh-hans", "报名：来自2家机构的2名代表", "出席：来自1家机构的1名代表"),
        (
            "ru",
            "Зарегистрировались: 2 представителя из 2 организаций",
            "Присутствовали: 1 представитель из 1 организации",
        ),
        (
            "en",
            "Registered: 2 representatives of 2 organizations",
            "Attended: 1 representative of 1 organization",
        ),
    ],
)
def test_office_report_page_headline_is_one_sentence_in_the_officer_language(
    client_for, db, language, registered, attended
):
    """The page glued "出席" and an ASCII colon ("出席: 来自…"); the sentence is now the PDF's, "出席：来自…"."""
    event = Christmas2020EventFactory()
    RegistrationFactory(event=event, arrival=1, attended=True, organization_name="Org A")
    RegistrationFactory(event=event, arrival=2, organization_name="Org B")

    page = client_for("officer").get(f"/{language}/events/office/{event.slug}/report/").content.decode()

    assert f'<p data-testid="report-registered">{registered}</p>' in page
    assert f'<p data-testid="report-attended">{attended}</p>' in page


def test_office_report_exports_in_three_languages(client_for, db):
    event = Christmas2020EventFactory()
    RegistrationFactory(
        event=event, arrival=1, attended=True, consent_to_contact=True, organization_name="Org A"
    )
    RegistrationFactory(event=event, arrival=2, organization_name="Org B")
    client = client_for("officer")

    for language in ("ru", "zh-hans", "en"):
        pdf = client.get(f"/en/events/office/{event.slug}/report.pdf?language={language}")
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-")
    xlsx = client.get(f"/en/events/office/{event.slug}/report.xlsx?language=ru")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[0] == "Сводка"
    csv_body = client.get(f"/en/events/office/{event.slug}/report.csv?language=en").content.decode(
        "utf-8-sig"
    )
    assert csv_body.splitlines()[1] == "2 representatives of 2 organizations"


def test_office_attendance_import_reports_unmatched_rows(client_for, db):
    event = Christmas2020EventFactory()
    by_email = RegistrationFactory(
        event=event, arrival=1, email="a@example.org", email_normalized="a@example.org"
    )
    by_name = RegistrationFactory(event=event, arrival=2, full_name="Пётр Иванов", name_latin="Petr Ivanov")
    csv_bytes = (
        b"Name (Original Name),User Email,Join Time\n"
        b"Someone,A@example.org,2020-12-24 10:01\n"
        b"Ivanov Petr,,2020-12-24 10:02\n"
        b"Unknown Guest,guest@example.org,2020-12-24 10:03\n"
    )
    upload = SimpleUploadedFile("participants.csv", csv_bytes, content_type="text/csv")

    response = client_for("officer").post(f"/en/events/office/{event.slug}/attendance/", {"file": upload})

    result = response.context["result"]
    assert (result.rows, result.matched, result.newly_marked) == (3, 2, 2)
    assert [(row.row, row.email) for row in result.unmatched] == [(4, "guest@example.org")]
    by_email.refresh_from_db()
    by_name.refresh_from_db()
    assert by_email.attended
    assert by_name.attended


def test_office_attendance_import_rejects_binary_file(client_for, db):
    event = EventFactory()
    upload = SimpleUploadedFile("participants.csv", b"\x00\x01\x02binary", content_type="text/csv")

    response = client_for("officer").post(f"/en/events/office/{event.slug}/attendance/", {"file": upload})

    assert response.status_code == 400
    assert response.context["result"] is None


def test_office_material_upload_checks_content(client_for, db):
    event = EventFactory()
    fake_pdf = SimpleUploadedFile("slides.pdf", b"this is not a pdf", content_type="application/pdf")
    real_pdf = SimpleUploadedFile("slides.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    client = client_for("officer")

    bad = client.post(
        f"/en/events/office/{event.slug}/agenda/",
        {"action": "material", "title": "Slides", "file": fake_pdf, "visibility": "public"},
    )
    good = client.post(
        f"/en/events/office/{event.slug}/agenda/",
        {"action": "material", "title": "Slides", "file": real_pdf, "visibility": "registrants"},
    )

    assert bad.status_code == 400
    assert good.status_code == 302
    material = event.materials.get()
    assert client_for("anonymous").get(f"/en/events/materials/{material.pk}/").status_code == 404
    download = client.get(f"/en/events/materials/{material.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    download.close()


def test_office_announce_sends_each_language(client_for, db, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event, arrival=1, language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(
            f"/en/events/office/{event.slug}/announce/",
            {"message_ru": "Привет", "message_zh_hans": "你好", "message_en": ""},
        )

    assert response.status_code == 302
    assert re.search(r"^你好$", mail.outbox[0].body, re.MULTILINE)


def test_dashboard_panel_shows_next_event_counts_to_officers(client_for, db):
    event = EventFactory(title_en="Haikou – Kazan", capacity=10)
    RegistrationFactory(event=event, arrival=1)
    RegistrationFactory(event=event, arrival=2, status=RegistrationStatus.PENDING)

    officer_page = client_for("officer").get("/en/dashboard/").content.decode()
    company_page = client_for("company").get("/en/dashboard/").content.decode()

    assert "1 of 10 places taken, 0 waiting, 1 awaiting approval." in officer_page
    assert 'data-testid="events-dashboard"' not in company_page


def test_office_list_query_count_is_constant(client_for, db, django_assert_max_num_queries):
    client = client_for("officer")
    for _ in range(6):
        EventFactory()

    # session + user, then the events with their counts in one query.
    with django_assert_max_num_queries(4):
        response = client.get("/en/events/office/")

    assert response.status_code == 200


def test_event_detail_cached_page_follows_registrations(client, db):
    event = EventFactory(capacity=2)
    first = client.get(f"/en/events/{event.slug}/").content.decode()

    from investbridge.events import services

    services.registration_create(
        event=event, data=services.RegistrationInput(full_name="A", email="a@example.org", language="en")
    )
    second = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "0 of 2 places are taken." in first
    assert "1 of 2 places are taken." in second
