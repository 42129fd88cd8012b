import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from investbridge.directory import services as directory_services
from investbridge.directory.models import Membership, Person, Sector
from investbridge.pipeline import selectors, services
from investbridge.pipeline.models import AssignmentRule, Inquiry, InquiryStatus
from tests.factories.accounts import OfficerFactory
from tests.factories.directory import PersonFactory
from tests.factories.region import ExpressionOfInterestFactory

pytestmark = pytest.mark.integration

FORM = {
    "company_name": "ООО «Северный ветер»",
    "contact_name": "Анна Смирнова",
    "email": "anna@veter.example.ru",
    "phone": "+7 495 123-45-67",
    "country": "RU",
    "sectors": ["C"],
    "cooperation_kind": "investment",
    "investment_range": "1m_10m",
    "message": "Хотим открыть производство в Хайкоу.",
    "language": "ru",
    "consent": "on",
}


def create(**overrides):
    data = {
        "company_name": "Volga Trade",
        "contact_name": "Oleg Ivanov",
        "email": "oleg@volga.example",
        "country": "RU",
        "cooperation_kind": "trade",
        "message": "Hello",
        "language": "ru",
        "consent": True,
    }
    data.update(overrides)
    return services.inquiry_create(**data)


def test_inquiry_form_russian_investor_gets_acknowledgement_in_russian(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/pipeline/inquiry/", FORM)

    assert response.status_code == 302
    assert response["Location"] == "/ru/pipeline/inquiry/thanks/"
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "ru"
    assert inquiry.assigned_to == officer
    acknowledgement, to_officer = mail.outbox
    assert acknowledgement.to == ["anna@veter.example.ru"]
    assert acknowledgement.subject == "Мы получили ваш запрос"
    assert acknowledgement.body.startswith(
        "Здравствуйте, Анна Смирнова!\n\nБлагодарим за запрос компании ООО «Северный ветер»."
    )
    assert acknowledgement.extra_headers["Content-Language"] == "ru"
    assert to_officer.to == [officer.email]


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_inquiry_form_renders_in_each_language(client, db, language):
    response = client.get(f"/{language}/pipeline/inquiry/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_inquiry_form_without_consent_shows_error_in_users_language(client, db):
    data = {key: value for key, value in FORM.items() if key != "consent"}

    response = client.post("/ru/pipeline/inquiry/", data)

    assert response.status_code == 200
    assert "Мы сможем ответить, только если вы согласитесь на связь с вами." in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_inquiry_create_matches_directory_organization_and_person(db):
    existing = directory_services.organization_match_or_create(
        name="Volga Trade", country="RU", language="en"
    )

    inquiry = create()

    assert inquiry.organization == existing
    assert inquiry.person == Person.objects.get(email_normalized="oleg@volga.example")
    assert inquiry.person.consent_to_contact is True


def test_inquiry_create_sets_reply_due_from_target_hours(db, settings):
    settings.PIPELINE_REPLY_TARGET_HOURS = 8

    inquiry = create()

    assert inquiry.reply_due_at - inquiry.received_at == timedelta(hours=8)


def test_assignment_rule_by_language_and_sector_wins(db, officer, other_officer):
    AssignmentRule.objects.create(language="zh-hans", officer=other_officer, priority=5)
    AssignmentRule.objects.create(sector=Sector.objects.get(code="K"), officer=officer, priority=1)

    chinese = create(language="zh-hans")
    finance = create(language="zh-hans", sector_codes=["K"], email="k@example.org")

    assert chinese.assigned_to == other_officer
    assert finance.assigned_to == officer


def test_round_robin_assigns_officers_in_turn(db, officer, other_officer):
    assigned = [create(email=f"p{i}@example.org").assigned_to for i in range(4)]

    assert assigned == [officer, other_officer, officer, other_officer]


@pytest.mark.django_db(transaction=True)
def test_round_robin_is_even_under_concurrent_creation():
    officers = [OfficerFactory(email=f"rr{i}@example.org") for i in range(3)]
    errors = []

    def worker(index):
        try:
            create(email=f"c{index}@example.org", company_name=f"Concurrent {index}")
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    counts = {officer.pk: Inquiry.objects.filter(assigned_to=officer).count() for officer in officers}
    assert sorted(counts.values()) == [3, 3, 3]


def test_officer_reply_stops_clock_and_is_emailed_in_chosen_language(
    client, officer, django_capture_on_commit_callbacks
):
    inquiry = create()
    client.force_login(officer)
    assert selectors.inquiry_sla_state(inquiry) == "open"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/pipeline/inquiries/{inquiry.pk}/reply/",
            {"language": "ru", "subject": "Ответ на ваш запрос", "body": "Спасибо, будем рады встрече."},
        )

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.first_reply_at is not None
    assert inquiry.first_reply_language == "ru"
    assert inquiry.status == InquiryStatus.ANSWERED
    assert selectors.inquiry_sla_state(inquiry) == "answered_on_time"
    reply_mail = mail.outbox[-1]
    assert reply_mail.to == ["oleg@volga.example"]
    assert reply_mail.subject == "Ответ на ваш запрос"
    assert reply_mail.body.startswith("Спасибо, будем рады встрече.")
    page = client.get(f"/en/pipeline/inquiries/{inquiry.pk}/").content.decode()
    assert "Answered on time" in page


def test_second_reply_does_not_move_the_clock(db, officer):
    inquiry = create()
    services.inquiry_reply(user=officer, inquiry_id=inquiry.pk, language="ru", subject="1", body="a")
    first = Inquiry.objects.get(pk=inquiry.pk).first_reply_at

    services.inquiry_reply(user=officer, inquiry_id=inquiry.pk, language="en", subject="2", body="b")

    inquiry.refresh_from_db()
    assert inquiry.first_reply_at == first
    assert inquiry.first_reply_language == "ru"
    assert inquiry.replies.count() == 2


def test_reply_by_partner_is_refused(db, partner_a_user):
    inquiry = create()

    with pytest.raises(PermissionDenied):
        services.inquiry_reply(
            user=partner_a_user, inquiry_id=inquiry.pk, language="ru", subject="x", body="y"
        )


def test_sla_state_overdue_and_due_soon(db, settings):
    settings.PIPELINE_REPLY_WARNING_HOURS = 4
    inquiry = create()
    due = inquiry.reply_due_at

    assert selectors.inquiry_sla_state(inquiry, due - timedelta(hours=5)) == "open"
    assert selectors.inquiry_sla_state(inquiry, due - timedelta(hours=1)) == "due_soon"
    assert selectors.inquiry_sla_state(inquiry, due + timedelta(minutes=1)) == "overdue"


def test_overdue_warning_is_sent_once_in_officers_language(db, officer):
    officer.language = "zh-hans"
    officer.save()
    inquiry = create()
    mail.outbox.clear()
    later = inquiry.reply_due_at + timedelta(hours=1)

    first = services.inquiry_overdue_warnings_send(now=later)
    second = services.inquiry_overdue_warnings_send(now=later)

    assert (first, second) == (1, 0)
    assert mail.outbox[0].subject == f"需要回复：来自 {inquiry.company_name} 的咨询"


def test_monthly_report_median_p90_and_shares(db, officer, settings):
    settings.PIPELINE_REPLY_TARGET_HOURS = 24
    start = datetime(2026, 5, 10, 2, 0, tzinfo=UTC)
    answered_after = [2, 4, 6, 30]
    for index, hours in enumerate(answered_after):
        inquiry = create(email=f"m{index}@example.org", received_at=start)
        Inquiry.objects.filter(pk=inquiry.pk).update(
            first_reply_at=start + timedelta(hours=hours), first_reply_language="ru" if index < 3 else "en"
        )
    create(email="late@example.org", received_at=start)  # unanswered
    create(email="june@example.org", received_at=datetime(2026, 6, 2, tzinfo=UTC))

    report = selectors.inquiry_handling_report(year=2026, month=5)

    assert report.received == 5
    assert report.answered == 4
    assert report.median_hours == 5.0
    assert report.p90_hours == 30.0
    assert report.within_target == 3 / 5
    assert report.in_inquirer_language == 3 / 5


def test_percentile_nearest_rank():
    assert selectors.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert selectors.percentile([], 0.9) is None


def test_report_exports_csv_and_xlsx(client, officer):
    client.force_login(officer)

    csv_response = client.get("/en/pipeline/inquiries/report/?month=2026-05&format=csv")
    xlsx_response = client.get("/en/pipeline/inquiries/report/?month=2026-05&format=xlsx")
    bad = client.get("/en/pipeline/inquiries/report/?month=2026-13")

    assert csv_response.status_code == 200
    assert csv_response["Content-Disposition"] == 'attachment; filename="inquiries-2026-05.csv"'
    assert csv_response.content.decode("utf-8-sig").splitlines()[1] == "Month,2026-05"
    assert xlsx_response.content[:2] == b"PK"
    assert bad.status_code == 400


def test_convert_inquiry_to_lead_once(db, officer):
    inquiry = create(sector_codes=["C"])

    lead = services.inquiry_convert_to_lead(user=officer, inquiry_id=inquiry.pk)
    again = services.inquiry_convert_to_lead(user=officer, inquiry_id=inquiry.pk)

    assert lead == again
    assert lead.source == "inquiry"
    assert list(lead.sectors.values_list("code", flat=True)) == ["C"]
    assert list(lead.people.all()) == [inquiry.person]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CONVERTED


def test_inquiry_form_normalizes_phone_and_rejects_a_bad_one(client, officer):
    bad = client.post("/en/pipeline/inquiry/", {**FORM, "phone": "12345"})
    good = client.post("/en/pipeline/inquiry/", {**FORM, "phone": "+7 (495) 123-45-67"})

    assert "Write the number in international form, e.g. +7 495 123-45-67." in bad.content.decode()
    assert good.status_code == 302
    assert Inquiry.objects.get().phone == "+74951234567"


def test_inquiry_form_known_person_details_only_proposed_by_mail(
    client, officer, django_capture_on_commit_callbacks
):
    known = PersonFactory(full_name="Анна С.", email="anna@veter.example.ru", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/pipeline/inquiry/", FORM)

    assert (response.status_code, response["Location"]) == (302, "/ru/pipeline/inquiry/thanks/")
    known.refresh_from_db()
    inquiry = Inquiry.objects.get()
    assert inquiry.person == known
    assert known.consent_to_contact is False
    assert not Membership.objects.filter(person=known).exists()
    confirmation = [message for message in mail.outbox if "/directory/confirm/" in message.body]
    assert [(message.to, message.subject) for message in confirmation] == [
        (["anna@veter.example.ru"], "Please confirm the change to your details")
    ]
    assert "you work at ООО «Северный ветер»" in confirmation[0].body


def test_expression_of_interest_routed_for_known_person_proposes_by_mail(
    db, django_capture_on_commit_callbacks
):
    known = PersonFactory(email="oleg@volga.example", preferred_language="ru")
    ExpressionOfInterestFactory(
        name="Oleg", email="OLEG@volga.example", organization_name="Volga Trade", language="en"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.expressions_of_interest_route() == 1

    known.refresh_from_db()
    assert known.consent_to_contact is False
    assert not Membership.objects.filter(person=known).exists()
    assert [message.subject for message in mail.outbox if "/directory/confirm/" in message.body] == [
        "Подтвердите изменение ваших данных"
    ]
