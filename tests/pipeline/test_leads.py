import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from investbridge.pipeline import selectors, services
from investbridge.pipeline.models import Lead, LeadStageChange, Stage
from tests.factories.accounts import OfficerFactory
from tests.factories.pipeline import LeadFactory, TaskFactory

pytestmark = pytest.mark.integration

VALID_USCC = "91460000MA5T5Y8X2D"


def test_lead_move_records_history_and_bumps_version(db, officer):
    lead = LeadFactory()

    moved = services.lead_move_to_stage(
        user=officer, lead_id=lead.pk, stage=Stage.QUALIFIED, expected_version=1
    )

    assert (moved.stage, moved.version) == (Stage.QUALIFIED, 2)
    change = LeadStageChange.objects.get(lead=lead)
    assert (change.from_stage, change.to_stage, change.changed_by) == ("inquiry", "qualified", officer)


def test_lead_move_with_stale_version_is_refused(db, officer):
    lead = LeadFactory()
    services.lead_move_to_stage(user=officer, lead_id=lead.pk, stage=Stage.QUALIFIED, expected_version=1)

    with pytest.raises(services.StaleVersionError):
        services.lead_move_to_stage(user=officer, lead_id=lead.pk, stage=Stage.ENGAGED, expected_version=1)

    assert Lead.objects.get(pk=lead.pk).stage == Stage.QUALIFIED


def test_lead_lost_needs_a_reason(db, officer):
    lead = LeadFactory()

    with pytest.raises(ValidationError):
        services.lead_move_to_stage(user=officer, lead_id=lead.pk, stage=Stage.LOST, expected_version=1)
    lost = services.lead_move_to_stage(
        user=officer, lead_id=lead.pk, stage=Stage.LOST, expected_version=1, lost_reason="other_location"
    )

    assert (lost.stage, lost.lost_reason) == (Stage.LOST, "other_location")


@pytest.mark.django_db(transaction=True)
def test_two_officers_moving_the_same_lead_lose_no_update():
    first, second = OfficerFactory(email="t1@example.org"), OfficerFactory(email="t2@example.org")
    lead = LeadFactory()
    results = {}
    barrier = threading.Barrier(2)

    def move(user, stage):
        try:
            barrier.wait()
            services.lead_move_to_stage(user=user, lead_id=lead.pk, stage=stage, expected_version=1)
            results[stage] = "moved"
        except services.StaleVersionError:
            results[stage] = "stale"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=move, args=(first, Stage.QUALIFIED)),
        threading.Thread(target=move, args=(second, Stage.ENGAGED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == ["moved", "stale"]
    winner = next(stage for stage, result in results.items() if result == "moved")
    lead.refresh_from_db()
    assert (lead.stage, lead.version) == (winner, 2)
    assert LeadStageChange.objects.filter(lead=lead).count() == 1


def test_lead_update_validates_uscc_and_currency(db, officer):
    lead = LeadFactory()

    with pytest.raises(ValidationError):
        services.lead_update(user=officer, lead_id=lead.pk, expected_version=1, uscc="91460000MA5T5Y8X2X")
    with pytest.raises(ValidationError):
        services.lead_update(user=officer, lead_id=lead.pk, expected_version=1, realised_currency="XYZ")
    updated = services.lead_update(
        user=officer,
        lead_id=lead.pk,
        expected_version=1,
        uscc=VALID_USCC,
        realised_investment=Decimal("1500000.00"),
        realised_currency="cny",
    )

    assert (updated.uscc, updated.realised_currency, updated.version) == (VALID_USCC, "CNY", 2)


def test_lead_create_by_partner_is_refused(db, partner_a_user):
    with pytest.raises(PermissionDenied):
        services.lead_create(user=partner_a_user, title="x", company_name="X", country="RU", language="ru")


def test_partner_referral_becomes_lead_with_partner_source(
    db, partner_a, partner_a_user, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead = services.lead_referral_create(
            user=partner_a_user,
            company_name="Сибирские технологии",
            country="RU",
            contact_name="Пётр Кузнецов",
            contact_email="petr@sibtech.example",
            language="ru",
            description="Производство оборудования",
        )

    assert (lead.source, lead.source_partner, lead.referred_by, lead.owner) == (
        "partner",
        partner_a,
        partner_a_user,
        officer,
    )
    assert mail.outbox[-1].to == [officer.email]


def test_partner_sees_only_own_referrals(db, partner_a_user, partner_b_user, referral_a):
    assert list(selectors.leads_visible_to(partner_a_user)) == [referral_a]
    assert list(selectors.leads_visible_to(partner_b_user)) == []


def test_task_reminder_sent_once_in_assignees_language(db):
    task = TaskFactory(
        assignee=OfficerFactory(language="ru"),
        title="Позвонить инвестору",
        remind_at=timezone.now() - timedelta(minutes=1),
    )

    assert services.task_reminders_send() == 1
    assert services.task_reminders_send() == 0
    assert mail.outbox[0].subject == "Напоминание: Позвонить инвестору"
    task.refresh_from_db()
    assert task.reminded_at is not None


def test_task_reminder_after_due_is_refused(db, officer):
    due = timezone.now() + timedelta(days=1)

    with pytest.raises(ValidationError):
        services.task_create(user=officer, title="x", due_at=due, remind_at=due + timedelta(hours=1))


def test_activity_added_to_lead(db, officer):
    lead = LeadFactory()

    activity = services.activity_add(
        user=officer, lead_id=lead.pk, kind="meeting", subject="Встреча в Москве"
    )

    assert list(lead.activities.all()) == [activity]
