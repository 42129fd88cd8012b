"""The home page (web.views.home): the region's landing page with the next public event."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from investbridge.events.models import EventStatus
from tests.factories.events import EventFactory
from tests.factories.region import RegionProfileFactory

pytestmark = pytest.mark.integration


def _next_event_section(html: str) -> str:
    start = html.index('data-testid="next-event"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    ("language", "title", "heading", "register"),
    [
        ("ru", "Мероприятие", "Ближайшее мероприятие", "Зарегистрироваться"),
        ("zh-hans", "活动", "近期活动", "报名"),
        ("en", "Event", "Next event", "Register"),
    ],
)
def test_home_shows_next_public_event_in_reader_language(client, db, language, title, heading, register):
    start = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    event = EventFactory(starts_at=start, title_ru="Мероприятие", title_zh_hans="活动", title_en="Event")
    EventFactory(starts_at=start + timedelta(days=1), title_en="Later")

    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert response.context["next_event"] == event
    section = _next_event_section(response.content.decode())
    assert f'<h2 id="next-event-heading">{heading}</h2>' in section
    assert f'<a href="/{language}/events/{event.slug}/">{title}</a>' in section
    assert f'<a class="button" href="/{language}/events/{event.slug}/register/">{register}</a>' in section
    assert "Later" not in section


def test_home_next_event_shows_both_cities_times(client, db):
    start = (timezone.now() + timedelta(days=3)).replace(hour=7, minute=0, second=0, microsecond=0)
    EventFactory(starts_at=start)

    section = _next_event_section(client.get("/en/").content.decode())

    assert "10:00 Moscow · 15:00 Haikou" in section


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CLOSED, EventStatus.ARCHIVED])
def test_home_without_upcoming_public_event_shows_none(client, db, status):
    EventFactory(status=status)
    EventFactory(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-2)
    )

    response = client.get("/en/")

    assert response.context["next_event"] is None
    assert 'data-testid="next-event"' not in response.content.decode()


def test_home_next_event_without_open_registration_has_no_register_button(client, db):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))

    section = _next_event_section(client.get("/en/").content.decode())

    assert f"/en/events/{event.slug}/register/" not in section
    assert '<a href="/en/events/">All events</a>' in section


def test_home_next_event_costs_one_query_whatever_the_number_of_events(client, db):
    RegionProfileFactory()
    without_events = _queries(client)
    EventFactory.create_batch(5)

    with_events = _queries(client)

    # The profile, its dimensions with key figures, the incentives with sectors, one for the next event, and the
    # profile again for the footer's office contacts.
    assert len(with_events) == len(without_events) == 6
    assert len([sql for sql in with_events if 'FROM "events_event"' in sql]) == 1


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/en/").status_code == 200
    return [query["sql"] for query in context.captured_queries]
