from decimal import Decimal

import pytest

from investbridge.pipeline import attribution, reports
from investbridge.statistics import services as statistics_services
from tests.factories.directory import PersonFactory
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.pipeline import LeadFactory
from tests.factories.statistics import make_uscc, row, write_csv

pytestmark = pytest.mark.integration


@pytest.fixture
def conference(db):
    return EventFactory(title="Haikou – Moscow", title_en="Haikou – Moscow", title_ru="Хайкоу – Москва")


@pytest.fixture
def registered_uscc(tmp_path, db):
    code = make_uscc(4242)
    path = write_csv(tmp_path / "registry.csv", [row(uscc=code, name="海口乌拉尔机床有限公司")])
    statistics_services.registry_import(path=path, file_name="registry.csv")
    return code


def test_lead_links_to_events_its_people_attended(conference):
    attendee, absent = PersonFactory(), PersonFactory()
    RegistrationFactory(event=conference, person=attendee, attended=True)
    RegistrationFactory(event=conference, person=absent, attended=False)
    lead = LeadFactory()
    lead.people.set([attendee])
    other = LeadFactory()
    other.people.set([absent])

    assert [event.id for event in attribution.events_attended_by([attendee.pk])] == [conference.pk]
    assert attribution.events_attended_by([absent.pk]) == []


def test_lead_page_shows_attended_event_and_registered_company(client, officer, conference, registered_uscc):
    person = PersonFactory()
    RegistrationFactory(event=conference, person=person, attended=True)
    lead = LeadFactory(uscc=registered_uscc)
    lead.people.set([person])
    client.force_login(officer)

    page = client.get(f"/en/pipeline/leads/{lead.pk}/").content.decode()

    assert "<li>Haikou – Moscow</li>" in page
    assert "海口乌拉尔机床有限公司" in page


def test_conversion_report_per_event_and_partner(conference, registered_uscc, partner_a, partner_b):
    people = [PersonFactory() for _ in range(3)]
    for person in people:
        RegistrationFactory(event=conference, person=person, attended=True)
    RegistrationFactory(event=conference, person=PersonFactory(), attended=False)
    established = LeadFactory(
        stage="established",
        uscc=registered_uscc,
        realised_investment=Decimal("1800000"),
        realised_currency="CNY",
        realised_jobs=6,
    )
    established.people.set([people[0]])
    engaged = LeadFactory(stage="engaged", source="event", source_event_id=conference.pk)
    LeadFactory(
        stage="aftercare",
        source="partner",
        source_partner=partner_a,
        realised_investment=Decimal("5"),
        realised_currency="USD",
    )
    LeadFactory(stage="qualified", source="partner", source_partner=partner_a)

    report = reports.conversion_report()

    event_row = next(row for row in report.by_event if row.key == conference.pk)
    assert (event_row.registrants, event_row.leads, event_row.established, event_row.registered) == (
        4,
        2,
        1,
        1,
    )
    assert event_row.realised == {"CNY": Decimal("1800000")}
    assert event_row.realised_jobs == 6
    partners = {row.key: row for row in report.by_partner}
    assert (partners[partner_a.pk].leads, partners[partner_a.pk].established) == (2, 1)
    assert partners[partner_a.pk].realised == {"USD": Decimal("5")}
    assert (partners[partner_b.pk].leads, partners[partner_b.pk].established) == (0, 0)
    assert (report.events_available, report.registry_available) == (True, True)
    assert engaged.source_event_id == conference.pk


def test_conversion_page_named_url_and_csv(client, officer, conference):
    client.force_login(officer)

    page = client.get("/en/pipeline/conversion/")
    csv_response = client.get("/en/pipeline/conversion/?format=csv")

    assert page.status_code == 200
    assert "Haikou – Moscow" in page.content.decode()
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0] == "Group,Name,Name for the reader,Transliteration,Registrants,Leads,Established companies,"
        "Found in the registry,Realised investment,Realised jobs"
    )
    assert lines[1] == "Event,Haikou – Moscow,,,0,0,0,0,,0"  # an event has no name for the reader


def test_new_lead_form_offers_events(client, officer, conference):
    client.force_login(officer)

    response = client.post(
        "/en/pipeline/leads/new/",
        {
            "company_name": "Ural Tools",
            "country": "RU",
            "language": "en",
            "source": "event",
            "source_event_id": str(conference.pk),
            "projected_currency": "USD",
        },
    )

    assert response.status_code == 302
    from investbridge.pipeline.models import Lead

    assert Lead.objects.get(title="Ural Tools").source_event_id == conference.pk


def test_event_deletion_refused_while_leads_came_from_it(conference):
    from django.db.models import ProtectedError

    lead = LeadFactory(source="event", source_event=conference)

    with pytest.raises(ProtectedError):
        conference.delete()

    lead.refresh_from_db()
    assert lead.source_event == conference


def test_event_deletion_allowed_once_no_lead_came_from_it(conference):
    lead = LeadFactory(source="event", source_event=conference)
    LeadFactory(source="direct")
    lead.delete()

    conference.delete()

    assert not type(conference).objects.filter(pk=conference.pk).exists()


def test_lead_create_unknown_event_refused(client, officer, conference):
    from investbridge.pipeline.models import Lead

    client.force_login(officer)

    page = client.post(
        "/en/pipeline/leads/new/",
        {
            "company_name": "Ural Tools",
            "country": "RU",
            "language": "en",
            "source": "event",
            "source_event_id": str(conference.pk + 1000),
            "projected_currency": "USD",
        },
    )
    api = client.post(
        "/api/v1/leads",
        {
            "company_name": "Ural Tools",
            "country": "RU",
            "language": "en",
            "source": "event",
            "source_event_id": conference.pk + 1000,
        },
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert (page.status_code, api.status_code) == (400, 400)
    assert api.json()["error"]["fields"]["source_event_id"] == ["Name the event the lead came from."]
    assert not Lead.objects.filter(title="Ural Tools").exists()


def test_conversion_report_says_when_attendance_and_registry_are_empty(client, officer, conference):
    RegistrationFactory(event=conference, attended=False)
    client.force_login(officer)

    report = reports.conversion_report()
    page = client.get("/en/pipeline/conversion/").content.decode()

    assert (report.events_available, report.registry_available) == (False, False)
    assert "Event attendance is not available yet" in page
    assert "The company registry is not available yet" in page


def test_lead_page_names_source_event(client, officer, conference):
    lead = LeadFactory(source="event", source_event=conference)
    client.force_login(officer)

    page = client.get(f"/en/pipeline/leads/{lead.pk}/").content.decode()

    assert " · Haikou – Moscow</dd>" in page
