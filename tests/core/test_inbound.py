"""Inbound mail (core/inbound.py): real messages as mail clients write them (tests/core/mail/*.eml), recorded on
the conversation they answer, by the reply address's token or by In-Reply-To, or kept unmatched."""

from email.utils import formataddr
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.core.exceptions import PermissionDenied, ValidationError

from investbridge.core import inbound
from investbridge.core.mail import read_reply_token, reply_token, token_in_address
from investbridge.core.models import InboundAttachment, InboundMail, InboundMatch, InboundSource
from investbridge.pipeline import services as pipeline_services
from tests.factories.accounts import OfficerFactory, UserFactory
from tests.factories.pipeline import InquiryFactory, LeadFactory

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).parent / "mail"
REPLY_ADDRESS = "replies@mail.investbridge.example"


def sample(name: str, *, to: str = REPLY_ADDRESS, in_reply_to: str = "<none@example.org>") -> bytes:
    raw = (SAMPLES / name).read_bytes()
    return raw.replace(b"{{TO}}", to.encode()).replace(b"{{IN_REPLY_TO}}", in_reply_to.encode())


@pytest.fixture(autouse=True)
def _reply_address(settings, tmp_path):
    settings.REPLY_ADDRESS = REPLY_ADDRESS
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def chinese_officer(db):
    return OfficerFactory(email="li.wei@investbridge.example", full_name="李伟", language="zh-hans")


@pytest.fixture
def answered(chinese_officer, django_capture_on_commit_callbacks):
    """An inquiry in Russian that the Chinese officer answered: the sent mail and its log row."""
    inquiry = InquiryFactory(email="ivan.petrov@volga-agro.ru", language="ru", assigned_to=chinese_officer)
    with django_capture_on_commit_callbacks(execute=True):
        pipeline_services.inquiry_reply(
            user=chinese_officer,
            inquiry_id=inquiry.pk,
            language="ru",
            subject="Ответ на ваш запрос о сотрудничестве",
            body="Уважаемый Иван Петрович! Пришлите, пожалуйста, бизнес-план.",
        )
    (sent,) = [message for message in outbox.outbox if message.to == [inquiry.email]]
    outbox.outbox.clear()
    return inquiry, sent


def _token_address(sent) -> str:
    return next(address for address in sent.reply_to if address.startswith("replies+"))


def test_officer_reply_has_reply_to_with_token_and_officer_and_a_message_id(answered, chinese_officer):
    inquiry, sent = answered

    token = token_in_address(_token_address(sent))
    target = read_reply_token(token)

    assert sent.reply_to == [_token_address(sent), formataddr(("李伟", chinese_officer.email))]
    assert (target.object_id, target.officer_id) == (inquiry.pk, chinese_officer.pk)
    assert sent.extra_headers["Message-ID"].endswith("@mail.investbridge.example>")
    assert sent.extra_headers["Content-Language"] == "ru"


def test_russian_reply_in_utf8_quoted_printable_is_recorded_by_token(answered, chinese_officer):
    inquiry, sent = answered

    recorded = inbound.inbound_mail_record(
        raw=sample("ru_reply_utf8_qp.eml", to=_token_address(sent)), source=InboundSource.FOLDER
    )

    mail = recorded.mail
    assert (mail.related, mail.matched_by, mail.officer) == (inquiry, InboundMatch.TOKEN, chinese_officer)
    assert (mail.from_name, mail.from_address) == ("Иван Петров", "ivan.petrov@volga-agro.ru")
    assert mail.subject == "Re: Ответ на ваш запрос о сотрудничестве"
    assert mail.short_text == (
        "Здравствуйте, Ли Вэй!\n\n"
        "Спасибо за быстрый ответ. Презентацию проекта и устав компании пришлём\n"
        "до пятницы. Удобно ли провести видеозвонок во вторник в 10:00 по Москве?\n\n"
        "С уважением,\nИван Петров\nООО «Волга-Агро»"
    )
    assert mail.text.endswith("> Ли Вэй")
    assert "04.12.2026 10:15, Ли Вэй пишет:" in mail.text


def test_recorded_reply_notifies_the_officer_in_their_language(
    answered, chinese_officer, django_capture_on_commit_callbacks
):
    inquiry, sent = answered

    with django_capture_on_commit_callbacks(execute=True):
        inbound.inbound_mail_record(
            raw=sample("ru_reply_utf8_qp.eml", to=_token_address(sent)), source=InboundSource.FOLDER
        )

    (notice,) = outbox.outbox
    assert notice.to == [chinese_officer.email]
    assert notice.subject == "来自 Иван Петров 的回复：Re: Ответ на ваш запрос о сотрудничестве"
    assert f"/zh-hans/pipeline/inquiries/{inquiry.pk}/" in notice.body
    assert notice.reply_to == []  # the officer's answer to the notice must not be recorded as the investor's


def test_chinese_reply_in_gb18030_base64_is_recorded_by_token(answered):
    inquiry, sent = answered

    mail = inbound.inbound_mail_record(
        raw=sample("zh_reply_gb18030_base64.eml", to=_token_address(sent)), source=InboundSource.IMAP
    ).mail

    assert (mail.related, mail.matched_by) == (inquiry, InboundMatch.TOKEN)
    assert (mail.from_name, mail.subject) == ("王芳", "回复：关于合作咨询的答复")
    assert mail.short_text == (
        "李伟先生，您好！\n\n"
        "感谢您的回复。我们已按要求准备好公司营业执照和项目计划书，下周一寄出。\n"
        "另外，我们希望在十二月中旬到海口实地考察，请问是否方便安排？\n\n"
        "此致\n敬礼\n王芳\n海南椰风贸易有限公司"
    )
    assert mail.text.endswith("> 感谢您对海口的关注。请提供商业计划书。")


def test_outlook_reply_without_token_is_recorded_by_in_reply_to(answered, chinese_officer):
    inquiry, sent = answered

    mail = inbound.inbound_mail_record(
        raw=sample("ru_reply_outlook_cp1251.eml", in_reply_to=sent.extra_headers["Message-ID"]),
        source=InboundSource.WEBHOOK,
    ).mail

    assert (mail.related, mail.matched_by, mail.officer) == (inquiry, InboundMatch.HEADER, chinese_officer)
    assert (mail.from_name, mail.subject) == ("Анна Смирнова", "RE: Ответ на ваш запрос")
    assert mail.short_text == (
        "Добрый день!\n\n"
        "Высылаем бизнес-план во вложении к следующему письму. Ждём предложения по датам визита.\n\n"
        "Анна Смирнова\nРуководитель направления\nАО «Сибирский лес»"
    )
    assert "От: Ли Вэй <replies@mail.investbridge.example>" in mail.text


def test_html_only_mail_without_token_or_headers_is_kept_unmatched_as_text(db):
    mail = inbound.inbound_mail_record(raw=sample("html_only_koi8r.eml"), source=InboundSource.FOLDER).mail

    assert (mail.related, mail.matched_by, mail.officer, mail.from_html) == (
        None,
        InboundMatch.UNMATCHED,
        None,
        True,
    )
    assert mail.subject == "Вопрос о льготах"
    assert mail.text == (
        "Добрый день!\n\n"
        "Нас интересуют льготы для резидентов свободного порта. "
        "Подробности на [нашем сайте](https://example.ru/plan).\n\n"
        "Сергей Кузнецов"
    )


def test_forged_token_is_kept_unmatched_never_on_another_inquiry(answered):
    _inquiry, sent = answered
    genuine = token_in_address(_token_address(sent))
    forged = genuine.rsplit("-", 1)[0] + "-" + "0" * 20
    other = InquiryFactory()
    forged_other = f"{genuine.split('-')[0]}-{other.pk}-0-{genuine.rsplit('-', 1)[1]}"

    first = inbound.inbound_mail_record(
        raw=sample("ru_reply_utf8_qp.eml", to=f"replies+{forged}@mail.investbridge.example"),
        source=InboundSource.FOLDER,
    ).mail
    raw = sample("zh_reply_gb18030_base64.eml", to=f"replies+{forged_other}@mail.investbridge.example")
    second = inbound.inbound_mail_record(raw=raw, source=InboundSource.FOLDER).mail

    assert [(m.matched_by, m.related) for m in (first, second)] == [(InboundMatch.UNMATCHED, None)] * 2


def test_forged_token_wins_over_a_matching_in_reply_to(answered):
    # A token that is not ours means someone wrote the address by hand: the mail waits for an officer.
    _inquiry, sent = answered

    mail = inbound.inbound_mail_record(
        raw=sample(
            "ru_reply_utf8_qp.eml",
            to=f"replies+1-1-0-{'a' * 20}@mail.investbridge.example",
            in_reply_to=sent.extra_headers["Message-ID"],
        ),
        source=InboundSource.FOLDER,
    ).mail

    assert (mail.matched_by, mail.related) == (InboundMatch.UNMATCHED, None)


def test_same_message_twice_is_recorded_once(answered):
    _inquiry, sent = answered
    raw = sample("ru_reply_utf8_qp.eml", to=_token_address(sent))

    first = inbound.inbound_mail_record(raw=raw, source=InboundSource.FOLDER)
    again = inbound.inbound_mail_record(raw=raw, source=InboundSource.IMAP)

    assert (first.created, again.created, again.mail.pk) == (True, False, first.mail.pk)
    assert InboundMail.objects.count() == 1


def test_attachments_pdf_kept_oversize_and_wrong_type_refused_with_reason(answered, settings):
    inquiry, sent = answered
    settings.MAX_UPLOAD_SIZE = 2000

    mail = inbound.inbound_mail_record(
        raw=sample("reply_with_attachments.eml", in_reply_to=sent.extra_headers["Message-ID"]),
        source=InboundSource.FOLDER,
    ).mail

    kept, large, program = InboundAttachment.objects.filter(mail=mail)
    assert (mail.related, mail.short_text) == (
        inquiry,
        "Добрый день!\n\nВо вложении бизнес-план и финансовая модель.\n\nИван Петров",
    )
    assert (kept.filename, kept.refused, kept.size) == ("бизнес-план.pdf", "", 341)
    with kept.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-1.4")
    assert (large.filename, bool(large.file), large.size) == ("financial-model.pdf", False, 6137)
    assert large.refused == "文件过大（6.0\xa0KB），上限为 2.0\xa0KB。"
    assert (program.filename, bool(program.file)) == ("setup.exe", False)
    assert program.refused.startswith("此处不接受该文件类型")


def test_message_over_the_size_limit_is_refused_and_nothing_recorded(db, settings):
    settings.INBOUND_MAIL_MAX_SIZE = 1000

    with pytest.raises(inbound.InboundMailError, match="more than the limit of 1000"):
        inbound.inbound_mail_record(raw=sample("ru_reply_utf8_qp.eml"), source=InboundSource.FOLDER)

    assert not InboundMail.objects.exists()


def test_bytes_that_are_not_a_mail_are_refused(db):
    with pytest.raises(inbound.InboundMailError):
        inbound.inbound_mail_record(raw=b"%PDF-1.4 not a mail", source=InboundSource.WEBHOOK)


def test_officer_assigns_an_unmatched_mail_to_a_lead(db, officer):
    lead = LeadFactory(owner=officer)
    mail = inbound.inbound_mail_record(raw=sample("html_only_koi8r.eml"), source=InboundSource.FOLDER).mail

    inbound.inbound_mail_assign(user=officer, mail_id=mail.pk, related=lead)

    mail.refresh_from_db()
    assert (mail.related, mail.matched_by, mail.officer) == (lead, InboundMatch.OFFICER, officer)
    with pytest.raises(ValidationError):
        inbound.inbound_mail_assign(user=officer, mail_id=mail.pk, related=lead)


def test_assigning_needs_an_officer(db):
    mail = inbound.inbound_mail_record(raw=sample("html_only_koi8r.eml"), source=InboundSource.FOLDER).mail

    with pytest.raises(PermissionDenied):
        inbound.inbound_mail_assign(user=UserFactory(), mail_id=mail.pk, related=LeadFactory())


@pytest.mark.unit
def test_reply_token_survives_a_lowercased_address_and_refuses_a_changed_one():
    token = reply_token(content_type_id=7, object_id=42, officer_id=3)

    assert read_reply_token(token.upper()) == read_reply_token(token)
    assert read_reply_token(token.replace("-42-", "-43-")) is None
