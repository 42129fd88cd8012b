import datetime
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from investbridge.pipeline import services
from investbridge.pipeline.models import DigestSend
from tests.factories.agreements import ObligationFactory
from tests.factories.pipeline import InquiryFactory, TaskFactory

pytestmark = pytest.mark.integration


def test_send_digests_command_sends_each_user_once_in_their_language(
    db, officer, partner_a_user, agreement_a, partner_a
):
    officer.language = "ru"
    officer.save()
    past = timezone.now() - timedelta(days=2)
    InquiryFactory(
        assigned_to=officer, received_at=past, reply_due_at=past + timedelta(hours=24), company_name="Байкал"
    )
    TaskFactory(assignee=officer, title="Подготовить презентацию", due_at=timezone.now() - timedelta(hours=1))
    ObligationFactory(
        agreement=agreement_a,
        owner=partner_a,
        title="Open an office",
        title_en="Open an office",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    out = StringIO()

    call_command("pipeline", "send-digests", "--day", "2026-11-26", stdout=out)
    call_command("pipeline", "send-digests", "--day", "2026-11-26", stdout=StringIO())

    assert out.getvalue().startswith("Queued ")
    records = {record.user: record for record in DigestSend.objects.all()}
    assert set(records) == {officer, partner_a_user}
    assert (records[officer].language, records[officer].item_count) == ("ru", 2)
    assert records[partner_a_user].item_count == 1
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert by_recipient[officer.email].subject == "InvestBridge: пунктов, требующих вашего внимания: 2"
    assert "Байкал" in by_recipient[officer.email].body
    assert "Open an office" in by_recipient[partner_a_user.email].body


def test_digest_with_nothing_to_report_is_not_sent(db, officer):
    assert services.digest_send(user_id=officer.pk, day=datetime.date(2026, 11, 26)) is None
    assert mail.outbox == []
    assert DigestSend.objects.count() == 0


def test_partner_digest_excludes_other_partners_obligations(db, partner_b_user, obligation_a):
    obligation_a.due_on = timezone.localdate()
    obligation_a.save()

    assert services.digest_send(user_id=partner_b_user.pk, day=datetime.date(2026, 11, 26)) is None


def test_command_rejects_bad_day(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("pipeline", "send-digests", "--day", "26.11.2026")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_command_rejects_a_day_out_of_range(db, day):
    from django.core.management.base import CommandError

    with pytest.raises(
        CommandError, match=r"^--day must be a date YYYY-MM-DD from 1900-01-01 to 2199-12-31\.$"
    ):
        call_command("pipeline", "send-digests", "--day", day)


def test_worker_schedule_sends_the_office_days_digest_once_without_cron(db, officer):
    from django.test import override_settings

    from investbridge.core import schedule

    TaskFactory(assignee=officer, title="Call the investor", due_at=timezone.now() - timedelta(hours=1))
    only_digests = {
        "pipeline.warnings": "off",
        "pipeline.reminders": "off",
        "matchmaking.expire": "off",
        "core.inbound_folder": "off",
        "core.inbound_imap": "off",
    }
    # 00:05 UTC on 27 November is 08:05 in Haikou (the office's time zone): the digest of 27 November is due.
    now = datetime.datetime(2026, 11, 27, 0, 5, tzinfo=datetime.UTC)

    with override_settings(OFFICE_TIME_ZONE="Asia/Shanghai", PERIODIC_JOBS=only_digests):
        first = schedule.enqueue_due_jobs(now=now)
        again = schedule.enqueue_due_jobs(now=now + timedelta(hours=3))

    assert (first, again) == (["pipeline.digests"], [])
    assert list(DigestSend.objects.values_list("user", "day")) == [(officer.pk, datetime.date(2026, 11, 27))]
    assert [message.to for message in mail.outbox] == [[officer.email]]
