"""The demo tells the office's story: the whole demo is loaded once for this module (on SQLite or PostgreSQL,
whichever the suite runs on), inside a transaction rolled back after it."""

import io
from collections.abc import Iterator
from datetime import date
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from investbridge.accounts.models import User
from investbridge.agreements import selectors as agreement_selectors
from investbridge.agreements.models import Obligation, ObligationStatus
from investbridge.demo import loader
from investbridge.directory.models import Organization
from investbridge.events.models import Event, Registration
from investbridge.events.reports import event_report
from investbridge.matchmaking import reasons, scoring
from investbridge.matchmaking import selectors as matchmaking_selectors
from investbridge.matchmaking.models import Meeting
from investbridge.pipeline.models import Inquiry, InquiryStatus, Lead, SetupCase, Stage
from investbridge.statistics import selectors as statistics_selectors
from investbridge.statistics import services as statistics_services
from investbridge.statistics.models import PublishedFigure

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                assert loader.load(stdout=io.StringIO()) is True
                yield
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def conference(demo: None) -> Event:
    return Event.objects.get(slug="haikou-moscow-2020")


def test_demo_conference_has_seventy_representatives_of_forty_russian_organizations(conference):
    report = event_report(event=conference, language="en")

    assert report.headline == "70 representatives of 40 organizations"
    assert report.attended == 60
    registrations = Registration.objects.filter(event=conference)
    assert set(registrations.values_list("organization__country", flat=True)) == {"RU"}
    minutes = [r.attended_minutes for r in registrations if r.attended]
    assert len(minutes) == 60
    assert all(35 <= m <= 150 for m in minutes)
    assert conference.confirmed_count == 70


def test_demo_conference_agenda_starts_at_three_in_haikou_and_ten_in_moscow(conference):
    first = conference.sessions.order_by("starts_at").first()

    assert first.starts_at.astimezone(ZoneInfo(conference.host_time_zone)).hour == 15
    assert first.starts_at.astimezone(ZoneInfo(conference.partner_time_zone)).hour == 10
    assert (first.title_ru, first.title_zh_hans) == ("Приветственное слово", "致辞")


def test_demo_upcoming_event_is_full_with_a_waiting_list(demo):
    upcoming = Event.objects.get(slug="haikou-saint-petersburg-logistics")

    statuses = sorted(Registration.objects.filter(event=upcoming).values_list("status", flat=True))
    assert statuses == ["confirmed"] * 8 + ["waitlisted"] * 3


def test_demo_b2b_schedule_pairs_different_organizations_each_with_a_reason(demo):
    event = Event.objects.get(slug="haikou-moscow-b2b-day")
    meetings = Meeting.objects.filter(event=event).exclude(published_slot=None)

    assert matchmaking_selectors.is_published(event=event)
    assert meetings.count() > 60
    for meeting in meetings.select_related(
        "request__requester__registration", "request__recipient__registration"
    ):
        first, second = meeting.request.requester, meeting.request.recipient
        assert first.registration.organization_id != second.registration.organization_id
        suggestion = scoring.score(
            matchmaking_selectors.profile_data(first), matchmaking_selectors.profile_data(second)
        )
        assert [reasons.reason_text(reason) for reason in suggestion.reasons], meeting.pk
    counts = matchmaking_selectors.request_counts(event=event)
    assert all(counts[status] > 0 for status in ("pending", "accepted", "declined", "expired", "cancelled"))


def test_demo_inquiries_in_every_status_in_russian_and_chinese_with_replies(demo):
    seen = set(Inquiry.objects.values_list("language", "status"))

    assert set(product(["ru", "zh-hans"], InquiryStatus.values)) <= seen
    for inquiry in Inquiry.objects.exclude(status=InquiryStatus.NEW).exclude(company_name="Test Company"):
        assert inquiry.replies.filter(language=inquiry.language).exists(), inquiry.company_name
    assert not Inquiry.objects.filter(status=InquiryStatus.NEW, first_reply_at__isnull=False).exists()


def test_demo_obligations_in_every_state_with_evidence_and_one_overdue(demo):
    officer = User.objects.get(email="officer@investbridge.demo")

    assert set(Obligation.objects.values_list("status", flat=True)) == set(ObligationStatus.values)
    assert [o.title_en for o in agreement_selectors.obligations_overdue(officer)] == [
        "Open a representative office in Haikou"
    ]
    for obligation in Obligation.objects.filter(status=ObligationStatus.FULFILLED):
        assert obligation.evidence.exists(), obligation.title_en
    assert sorted(
        Organization.objects.filter(agreements__is_demo=True, is_partner=True).values_list("kind", flat=True)
    ) == ["association", "bank", "investment_firm"]


def test_demo_leads_in_every_stage_one_registered_company_traced_to_the_conference_and_a_partner(conference):
    assert set(Lead.objects.values_list("stage", flat=True)) == set(Stage.values)
    established = Lead.objects.get(stage=Stage.ESTABLISHED)

    assert established.source_partner.kind == "bank"
    entity = statistics_selectors.registered_entity_by_uscc(uscc=established.uscc)
    assert entity is not None
    assert entity.foreign_capital
    attended = Registration.objects.filter(
        event=conference, person__in=established.people.all(), attended=True
    )
    assert attended.exists()
    assert SetupCase.objects.get(lead=established).status == "completed"


def test_demo_statistics_engine_recomputes_the_published_530_and_158_percent(demo):
    report = statistics_services.registry_report(
        date_from=date(2020, 1, 1), date_to=date(2020, 11, 30), foreign_capital=True
    )

    assert (report.count, report.previous_count, report.yoy_change_pct) == (530, 205, 158.5)
    figures = PublishedFigure.objects.order_by("metric")
    assert [(f.metric, int(f.value), f.reproduced) for f in figures] == [
        ("count", 530, True),
        ("yoy_change_pct", 158, True),
    ]


def test_demo_sign_ins_have_their_roles_and_organizations(demo):
    users = {user.email: user for user in User.objects.filter(email__endswith="@investbridge.demo")}

    assert users["officer@investbridge.demo"].role == "officer"
    assert users["admin@investbridge.demo"].role == "admin"
    assert users["partner@investbridge.demo"].organization.kind == "bank"
    assert users["partner2@investbridge.demo"].organization.kind == "association"
    assert users["company@investbridge.demo"].organization.name_en == "SibAgroExport LLC"
    assert users["wang.fang@investbridge.demo"].person.full_name == "王芳"


def test_demo_second_load_changes_nothing(demo):
    counts = (Organization.objects.count(), Registration.objects.count(), Lead.objects.count())
    out = io.StringIO()

    assert loader.load(stdout=out) is False

    assert "loaded already" in out.getvalue()
    assert (Organization.objects.count(), Registration.objects.count(), Lead.objects.count()) == counts
