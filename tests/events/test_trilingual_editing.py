"""Editing an event or a session in any interface language keeps each language's texts exactly (no data loss)."""

import re

import pytest

from investbridge.events.models import Event, Session
from tests.factories.events import EventFactory, SessionFactory
from tests.trilingual import (
    INTERFACE_LANGUAGES,
    admin_form_data,
    columns,
    form_data,
    in_language,
    texts_for,
)

pytestmark = pytest.mark.integration

EVENT_TEXTS = ("title", "summary", "description", "host_city", "partner_city", "venue")


def _event_with_distinct_texts() -> Event:
    return EventFactory(slug="trilingual-event", **texts_for(EVENT_TEXTS, "before"))


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_office_edit_event_in_any_interface_language_keeps_every_language(client_for, language):
    event = _event_with_distinct_texts()
    client = client_for("officer")
    page = client.get(f"/{language}/events/office/{event.slug}/edit/")
    data = form_data(page.context["form"])
    data["capacity"] = "33"

    response = client.post(f"/{language}/events/office/{event.slug}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    assert columns(event, EVENT_TEXTS) == texts_for(EVENT_TEXTS, "before")
    assert Event.objects.get(pk=event.pk).capacity == 33


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_office_edit_event_changes_each_language_separately(client_for, language):
    event = _event_with_distinct_texts()
    client = client_for("officer")
    data = form_data(client.get(f"/{language}/events/office/{event.slug}/edit/").context["form"])
    data.update(texts_for(EVENT_TEXTS, "after"))

    response = client.post(f"/{language}/events/office/{event.slug}/edit/", data)

    assert response.status_code == 302
    assert columns(event, EVENT_TEXTS) == texts_for(EVENT_TEXTS, "after")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_office_create_event_in_any_interface_language_keeps_every_language(client_for, language):
    client = client_for("officer")
    data = form_data(client.get(f"/{language}/events/office/new/").context["form"])
    data.update(texts_for(EVENT_TEXTS, "new"))
    data.update(
        slug="created-event",
        format="online",
        host_time_zone="Asia/Shanghai",
        partner_time_zone="Europe/Moscow",
        starts_at="2030-03-10T15:00",
        ends_at="2030-03-10T17:00",
        capacity="50",
        approval_mode="automatic",
        status="published",
    )

    response = client.post(f"/{language}/events/office/new/", data)

    assert response.status_code == 302, response.context["form"].errors
    assert columns(Event.objects.get(slug="created-event"), EVENT_TEXTS) == texts_for(EVENT_TEXTS, "new")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_office_add_session_in_any_interface_language_keeps_every_language(client_for, language):
    event = _event_with_distinct_texts()
    client = client_for("officer")
    data = {
        "action": "session",
        **texts_for(("title",), "session"),
        "starts_at": "2030-03-10T15:00",
        "ends_at": "2030-03-10T16:00",
    }

    response = client.post(f"/{language}/events/office/{event.slug}/agenda/", data)

    assert response.status_code == 302
    assert columns(Session.objects.get(event=event), ("title",)) == texts_for(("title",), "session")


def test_office_agenda_shows_the_session_title_in_three_columns(client_for):
    event = _event_with_distinct_texts()

    page = client_for("officer").get(f"/zh-hans/events/office/{event.slug}/agenda/").content.decode()

    assert 'data-translated="title"' in page
    for suffix, code in (("ru", "ru"), ("zh_hans", "zh-hans"), ("en", "en")):
        assert re.search(rf'<input [^>]*name="title_{suffix}"[^>]*lang="{code}"', page), suffix


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_admin_edit_event_in_any_interface_language_keeps_every_language(client, admin_user, language):
    event = _event_with_distinct_texts()
    client.force_login(admin_user)
    in_language(client, language)
    page = client.get(f"/admin/events/event/{event.pk}/change/")
    data = admin_form_data(page)
    data["capacity"] = "44"

    response = client.post(f"/admin/events/event/{event.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(event, EVENT_TEXTS) == texts_for(EVENT_TEXTS, "before")
    assert Event.objects.get(pk=event.pk).capacity == 44


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_admin_edit_session_in_any_interface_language_keeps_every_language(client, admin_user, language):
    session = SessionFactory(**texts_for(("title",), "before"))
    client.force_login(admin_user)
    in_language(client, language)
    data = admin_form_data(client.get(f"/admin/events/session/{session.pk}/change/"))

    response = client.post(f"/admin/events/session/{session.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(session, ("title",)) == texts_for(("title",), "before")


def test_api_reads_each_languages_title_after_an_edit_in_chinese(client_for, client):
    event = _event_with_distinct_texts()
    officer = client_for("officer")
    data = form_data(officer.get(f"/zh-hans/events/office/{event.slug}/edit/").context["form"])
    data.update(texts_for(("title",), "after"))
    assert officer.post(f"/zh-hans/events/office/{event.slug}/edit/", data).status_code == 302

    titles = {
        language: client.get(f"/api/v1/events/{event.slug}", HTTP_ACCEPT_LANGUAGE=language).json()["title"]
        for language in ("ru", "zh-hans", "en")
    }

    assert titles == {"ru": "Русский title after", "zh-hans": "中文 title after", "en": "English title after"}
