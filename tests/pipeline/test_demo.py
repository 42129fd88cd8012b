from io import StringIO

import pytest
from django.core.management import call_command

from investbridge.agreements import selectors as agreement_selectors
from investbridge.agreements.models import Agreement, Obligation
from investbridge.pipeline.models import Inquiry, Lead, SetupCase, SetupTemplate

pytestmark = pytest.mark.integration


def _counts():
    return (
        Inquiry.objects.count(),
        Lead.objects.count(),
        SetupCase.objects.count(),
        SetupTemplate.objects.count(),
        Agreement.objects.count(),
        Obligation.objects.count(),
    )


def test_demo_loads_and_is_idempotent(db, officer):
    call_command("demo", force=True, stdout=StringIO())
    first = _counts()
    call_command("demo", force=True, stdout=StringIO())

    assert _counts() == first
    assert set(Inquiry.objects.values_list("language", flat=True)) == {"ru", "zh-hans", "en"}
    assert set(Inquiry.objects.values_list("status", flat=True)) == {"new", "answered", "converted", "closed"}
    assert Lead.objects.filter(source="partner").count() == 4
    event_leads = list(Lead.objects.filter(source="event"))
    assert len(event_leads) == 3
    from investbridge.pipeline import attribution

    conference = attribution.event_by_slug("haikou-moscow-2020")
    for lead in event_leads:
        assert lead.source_event_id == conference.id
        attended = attribution.events_attended_by([person.pk for person in lead.people.all()])
        assert [event.id for event in attended] == [conference.id]
    assert set(Lead.objects.values_list("stage", flat=True)) == {
        "inquiry",
        "qualified",
        "engaged",
        "decision",
        "established",
        "aftercare",
        "lost",
    }
    assert sorted(SetupCase.objects.values_list("status", flat=True)) == ["completed", "in_progress"]
    assert Agreement.objects.count() == 3
    bank = Agreement.objects.get(title_en="Cooperation agreement on financing investment projects")
    assert sorted(bank.parties.values_list("kind", flat=True)) == ["bank", "government"]
    assert all(len(agreement.document_sha256) == 64 for agreement in Agreement.objects.all())
    assert [o.title_en for o in agreement_selectors.obligations_overdue(officer)] == [
        "Open a representative office in Haikou"
    ]


def test_agreements_demo_without_partners_is_skipped(db):
    from investbridge.agreements import demo

    out = StringIO()

    demo.load(stdout=out)

    assert "Agreements: no partner organizations yet (directory demo); skipped." in out.getvalue()
    assert Agreement.objects.count() == 0


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_demo_pages_render_for_officer_and_partner(client, db, language):
    from investbridge.accounts.models import User

    call_command("demo", force=True, stdout=StringIO())
    officer = User.objects.get(email="officer@investbridge.demo")
    partner = User.objects.get(email="partner@investbridge.demo")
    lead = Lead.objects.filter(is_demo=True).first()
    case = SetupCase.objects.first()
    agreement = Agreement.objects.filter(parties=partner.organization).get()

    client.force_login(officer)
    officer_pages = [
        "pipeline/inquiries/",
        "pipeline/leads/board/",
        "pipeline/leads/",
        f"pipeline/leads/{lead.pk}/",
        "pipeline/cases/",
        f"pipeline/cases/{case.pk}/",
        "pipeline/conversion/",
        "pipeline/inquiries/report/",
        "agreements/",
        f"agreements/{agreement.pk}/",
        "agreements/obligations/",
        "dashboard/",
    ]
    for path in officer_pages:
        assert client.get(f"/{language}/{path}").status_code == 200, path
    client.force_login(partner)
    for path in (
        "agreements/portal/",
        "agreements/portal/referrals/",
        f"agreements/{agreement.pk}/",
        "dashboard/",
    ):
        assert client.get(f"/{language}/{path}").status_code == 200, path
