"""The one mail service (core/mail.py): headers, the log of what was sent, held-back addresses, and every domain
sending through it."""

import re
from pathlib import Path

import pytest
from django.core import mail as outbox

from investbridge.core import limits, mail
from investbridge.core.models import SentMail
from tests.factories.accounts import OfficerFactory, UserFactory
from tests.factories.pipeline import InquiryFactory

pytestmark = pytest.mark.integration

SOURCE = Path(__file__).parents[2] / "src" / "investbridge"


def test_send_mail_sets_headers_and_logs_the_mail(db, settings):
    settings.DEFAULT_FROM_EMAIL = "Haikou office <office@mail.investbridge.example>"
    settings.REPLY_ADDRESS = ""
    inquiry = InquiryFactory()

    sent = mail.send_mail(
        to="ivan@example.ru",
        subject="Ответ на  ваш\nзапрос",
        body="Текст",
        language="ru",
        kind="pipeline.test",
        related=inquiry,
    )

    (message,) = outbox.outbox
    assert message.from_email == "Haikou office <office@mail.investbridge.example>"
    assert message.subject == "Ответ на ваш запрос"
    assert message.reply_to == []
    assert message.extra_headers["Content-Language"] == "ru"
    assert re.fullmatch(r"<ib-[0-9a-f]{32}@mail\.investbridge\.example>", message.extra_headers["Message-ID"])
    assert message.message()["Message-ID"] == message.extra_headers["Message-ID"]
    assert list(
        SentMail.objects.values_list("to", "subject", "language", "kind", "object_id", "message_id")
    ) == [("ivan@example.ru", "Ответ на ваш запрос", "ru", "pipeline.test", inquiry.pk, sent.message_id)]
    assert sent.related == inquiry


def test_officer_mail_without_reply_address_still_has_the_officer_in_reply_to(db, settings):
    settings.REPLY_ADDRESS = ""
    officer = OfficerFactory(email="anna@office.example", full_name="Анна")

    mail.send_mail(
        to="x@example.org",
        subject="S",
        body="B",
        language="ru",
        kind="k",
        related=InquiryFactory(),
        officer=officer,
        replies=True,
    )

    assert outbox.outbox[0].reply_to == ["=?utf-8?b?0JDQvdC90LA=?= <anna@office.example>"]


def test_held_back_address_gets_no_mail_and_no_log_row(db):
    with limits.mail_held_back("Ivan@Example.ru"):
        sent = mail.send_mail(to="ivan@example.ru", subject="S", body="B", language="ru", kind="k")

    assert (sent, outbox.outbox, SentMail.objects.count()) == (None, [], 0)


def test_password_reset_is_sent_through_the_service_in_the_users_language(client, db):
    UserFactory(email="wang@example.cn", language="zh-hans")

    client.post("/en/accounts/password-reset/", {"email": "wang@example.cn"})

    (message,) = outbox.outbox
    assert message.extra_headers["Content-Language"] == "zh-hans"
    assert SentMail.objects.get().kind == "accounts.password_reset"


@pytest.mark.unit
def test_no_domain_builds_or_sends_mail_outside_the_mail_service():
    senders = re.compile(
        r"\b(EmailMessage|EmailMultiAlternatives|send_mass_mail|mail_admins)\(|[^.]\bsend_mail\("
    )
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "mail.py" or path.parent.name != "core"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if senders.search(line) and "def send_mail(" not in line and "super().send_mail(" not in line
    ]

    assert found == []
