"""The conversation of an inquiry or a lead (answers sent, replies received, in order), reply templates in three
languages, and recording unmatched mail: issue 13, "Investors cannot answer"."""

from pathlib import Path

import pytest
from django.core import mail as outbox

from investbridge.core import inbound
from investbridge.core.mail import token_in_address
from investbridge.core.models import InboundMail, InboundMatch, InboundSource
from investbridge.pipeline import services
from investbridge.pipeline.models import ReplyTemplate
from tests.factories.accounts import OfficerFactory
from tests.factories.pipeline import InquiryFactory, LeadFactory

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).parents[1] / "core" / "mail"


@pytest.fixture(autouse=True)
def _reply_address(settings, tmp_path):
    settings.REPLY_ADDRESS = "replies@mail.investbridge.example"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def chinese_officer(db):
    return OfficerFactory(email="li.wei@investbridge.example", full_name="李伟", language="zh-hans")


def _answer(officer, inquiry, captured) -> str:
    with captured(execute=True):
        services.inquiry_reply(
            user=officer,
            inquiry_id=inquiry.pk,
            language="ru",
            subject="Ответ на ваш запрос",
            body="Пришлите, пожалуйста, бизнес-план.",
        )
    (sent,) = [message for message in outbox.outbox if message.to == [inquiry.email]]
    return next(address for address in sent.reply_to if address.startswith("replies+"))


def test_inquiry_page_shows_answer_then_reply_in_order_in_the_officers_language(
    client, chinese_officer, django_capture_on_commit_callbacks
):
    inquiry = InquiryFactory(language="ru", assigned_to=chinese_officer)
    address = _answer(chinese_officer, inquiry, django_capture_on_commit_callbacks)
    raw = (SAMPLES / "ru_reply_utf8_qp.eml").read_bytes().replace(b"{{TO}}", address.encode())
    inbound.inbound_mail_record(raw=raw, source=InboundSource.FOLDER)
    client.force_login(chinese_officer)

    response = client.get(f"/zh-hans/pipeline/inquiries/{inquiry.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in body
    assert "往来邮件" in body  # "Conversation"
    sent_at, received_at = body.index('data-testid="sent"'), body.index('data-testid="received"')
    assert sent_at < received_at
    assert "Удобно ли провести видеозвонок во вторник" in body
    assert "&gt; Уважаемый Иван Петрович!" in body  # the full text, behind "show the whole message"


def test_lead_page_shows_the_conversation_of_its_inquiry_and_its_own(
    client, chinese_officer, django_capture_on_commit_callbacks
):
    inquiry = InquiryFactory(language="ru", assigned_to=chinese_officer)
    _answer(chinese_officer, inquiry, django_capture_on_commit_callbacks)
    lead = services.inquiry_convert_to_lead(user=chinese_officer, inquiry_id=inquiry.pk)
    mail = inbound.inbound_mail_record(
        raw=(SAMPLES / "html_only_koi8r.eml").read_bytes(), source=InboundSource.FOLDER
    ).mail
    inbound.inbound_mail_assign(user=chinese_officer, mail_id=mail.pk, related=lead)
    client.force_login(chinese_officer)

    body = client.get(f"/zh-hans/pipeline/leads/{lead.pk}/").content.decode()

    assert body.count('data-testid="sent"') == 1
    assert body.count('data-testid="received"') == 1
    assert "Нас интересуют льготы для резидентов свободного порта." in body


def test_reply_template_is_offered_in_the_inquirers_language(client, chinese_officer):
    inquiry = InquiryFactory(language="ru", assigned_to=chinese_officer)
    template = ReplyTemplate.objects.get(name_en="Please send the business plan")
    client.force_login(chinese_officer)

    response = client.get(f"/zh-hans/pipeline/inquiries/{inquiry.pk}/?template={template.pk}&language=ru")

    form = response.context["reply_form"]
    assert form.initial["language"] == "ru"
    assert form.initial["subject"] == "Просим прислать бизнес-план проекта"
    assert form.initial["body"].startswith("Здравствуйте!\n\nСпасибо за интерес к нашему региону.")
    assert (
        "请提供商业计划书" in response.content.decode()
    )  # the picker names templates in the officer's language


def test_shipped_reply_templates_are_written_in_three_languages(db):
    templates = ReplyTemplate.objects.order_by("order")

    assert [template.name_en for template in templates] == [
        "Thank you, documents received",
        "Meeting proposal",
        "Please send the business plan",
    ]
    for template in templates:
        for suffix in ("ru", "zh_hans", "en"):
            assert getattr(template, f"subject_{suffix}")
            assert getattr(template, f"body_{suffix}")


def test_editing_a_reply_template_in_chinese_keeps_the_other_languages(client, chinese_officer):
    template = ReplyTemplate.objects.get(name_en="Meeting proposal")
    client.force_login(chinese_officer)
    data = {
        f"{field}_{suffix}": getattr(template, f"{field}_{suffix}")
        for field in ("name", "subject", "body")
        for suffix in ("ru", "zh_hans", "en")
    }
    data.update(body_zh_hans="您好！请告知方便的时间。", is_active="on", order="20")

    response = client.post(f"/zh-hans/pipeline/reply-templates/{template.pk}/", data)

    template.refresh_from_db()
    assert response.status_code == 302
    assert template.body_zh_hans == "您好！请告知方便的时间。"
    assert template.body_ru.startswith("Здравствуйте!\n\nЧтобы обсудить ваш проект подробнее")
    assert template.name_en == "Meeting proposal"


def test_reply_template_without_any_text_is_refused_and_nothing_saved(client, officer):
    client.force_login(officer)
    count = ReplyTemplate.objects.count()

    response = client.post("/en/pipeline/reply-templates/", {"name_en": "Empty", "order": "1"})

    assert response.status_code == 400
    assert ReplyTemplate.objects.count() == count


def test_officer_records_an_unmatched_mail_on_an_inquiry(client, officer):
    inquiry = InquiryFactory(assigned_to=officer)
    mail = inbound.inbound_mail_record(
        raw=(SAMPLES / "html_only_koi8r.eml").read_bytes(), source=InboundSource.FOLDER
    ).mail
    client.force_login(officer)
    listed = client.get("/en/pipeline/mail/unmatched/").content.decode()

    response = client.post(
        f"/en/pipeline/mail/{mail.pk}/assign/", {"target": "inquiry", "number": inquiry.pk}
    )

    mail.refresh_from_db()
    assert "Вопрос о льготах" in listed
    assert response.status_code == 302
    assert response["Location"] == f"/en/pipeline/inquiries/{inquiry.pk}/"
    assert (mail.related, mail.matched_by) == (inquiry, InboundMatch.OFFICER)


def test_assigning_to_an_unknown_number_leaves_the_mail_unmatched(client, officer):
    mail = inbound.inbound_mail_record(
        raw=(SAMPLES / "html_only_koi8r.eml").read_bytes(), source=InboundSource.FOLDER
    ).mail
    client.force_login(officer)

    response = client.post(f"/en/pipeline/mail/{mail.pk}/assign/", {"target": "lead", "number": 999999})

    assert response.status_code == 302
    assert InboundMail.objects.get(pk=mail.pk).matched_by == InboundMatch.UNMATCHED


def test_reply_to_the_acknowledgement_reaches_the_assigned_officer(
    chinese_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = services.inquiry_create(
            company_name="ООО «Волга-Агро»",
            contact_name="Иван Петров",
            email="ivan.petrov@volga-agro.ru",
            country="RU",
            cooperation_kind="investment",
            investment_range="",
            message="Хотим инвестировать.",
            language="ru",
            consent=True,
        )
    (acknowledgement,) = [m for m in outbox.outbox if m.to == ["ivan.petrov@volga-agro.ru"]]
    address = next(a for a in acknowledgement.reply_to if a.startswith("replies+"))
    raw = (SAMPLES / "zh_reply_gb18030_base64.eml").read_bytes().replace(b"{{TO}}", address.encode())

    mail = inbound.inbound_mail_record(raw=raw, source=InboundSource.IMAP).mail

    assert token_in_address(address) is not None
    assert (mail.related, mail.officer) == (inquiry, chinese_officer)
    assert LeadFactory._meta.model.objects.count() == 0


def test_attachment_of_a_reply_is_downloaded_from_the_conversation(client, officer, settings):
    inquiry = InquiryFactory(assigned_to=officer)
    raw = (SAMPLES / "reply_with_attachments.eml").read_bytes()
    mail = inbound.inbound_mail_record(raw=raw, source=InboundSource.FOLDER).mail
    inbound.inbound_mail_assign(user=officer, mail_id=mail.pk, related=inquiry)
    kept = mail.attachments.get(filename="бизнес-план.pdf")
    client.force_login(officer)

    page = client.get(f"/en/pipeline/inquiries/{inquiry.pk}/").content.decode()
    response = client.get(f"/en/pipeline/mail/attachments/{kept.pk}/")

    assert f'href="/en/pipeline/mail/attachments/{kept.pk}/"' in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert response["Content-Disposition"].startswith("attachment;")
    response.close()
