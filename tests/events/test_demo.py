import io
from datetime import UTC, datetime

import pytest

from investbridge.events import demo, selectors
from investbridge.events.models import Event, Registration
from investbridge.events.reports import event_report
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def directory_demo_people(db):
    """Stand-in for the directory demo: 72 Russian representatives of 40 organizations, 3 office staff."""
    organizations = [OrganizationFactory(is_demo=True, country="RU") for _ in range(40)]
    for index in range(72):
        person = PersonFactory(is_demo=True, country="RU", consent_to_contact=index % 3 == 0)
        MembershipFactory(person=person, organization=organizations[index % 40], position="Директор")
    office = OrganizationFactory(is_demo=True, country="CN", kind="government")
    for _ in range(3):
        MembershipFactory(person=PersonFactory(is_demo=True, country="CN"), organization=office)


def _snapshot():
    return sorted(
        Registration.objects.values_list("event__slug", "email_normalized", "status", "arrival", "attended")
    ), sorted(Event.objects.values_list("slug", "starts_at", "arrivals", "sequence"))


def test_demo_load_is_idempotent_and_realistic(directory_demo_people):
    demo.load(stdout=io.StringIO())
    first = _snapshot()
    demo.load(stdout=io.StringIO())

    assert _snapshot() == first
    conference = Event.objects.get(slug=demo.CONFERENCE_2020_SLUG)
    assert conference.starts_at == datetime(2020, 12, 24, 7, 0, tzinfo=UTC)
    report = event_report(event=conference, language="en")
    assert report.headline == "70 representatives of 40 organizations"
    assert report.attended == 60
    upcoming = Event.objects.get(slug=demo.UPCOMING_SLUG)
    assert selectors.event_counts(event=upcoming) == {"confirmed": 8, "waitlisted": 3, "pending": 0}
    # The place counters the services keep, as the demo wrote its registrations directly.
    assert (upcoming.confirmed_count, conference.confirmed_count) == (8, 70)
    assert list(selectors.upcoming_events()) == [upcoming]
    assert list(selectors.past_events()) == [conference]


def test_demo_load_without_directory_people_creates_events_only(db):
    output = io.StringIO()

    demo.load(stdout=output)

    assert Registration.objects.count() == 0
    assert Event.objects.count() == 2
    assert "no Russian demo people" in output.getvalue()
