"""The officer's event form: a new event starts in the office's time zone, not the first zone of the list."""

import pytest

from investbridge.events.forms import EventForm
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration


def _selected(html: str, name: str) -> list[str]:
    start = html.index(f'name="{name}"')
    select = html[start : html.index("</select>", start)]
    return [
        part.split('"')[1] for part in select.split("<option value=")[1:] if " selected" in part.split(">")[0]
    ]


def test_event_form_new_event_defaults_to_office_and_partner_zones(db, settings):
    settings.OFFICE_TIME_ZONE = "Asia/Shanghai"

    form = EventForm()

    assert form["host_time_zone"].value() == "Asia/Shanghai"
    assert form["partner_time_zone"].value() == "Europe/Moscow"
    html = str(form["host_time_zone"]) + str(form["partner_time_zone"])
    assert _selected(html, "host_time_zone") == ["Asia/Shanghai"]
    assert _selected(html, "partner_time_zone") == ["Europe/Moscow"]


def test_event_form_new_event_follows_configured_office_zone(db, settings):
    settings.OFFICE_TIME_ZONE = "Asia/Urumqi"

    assert EventForm()["host_time_zone"].value() == "Asia/Urumqi"


def test_event_form_existing_event_keeps_its_zones(db, settings):
    settings.OFFICE_TIME_ZONE = "Asia/Shanghai"
    event = EventFactory(host_time_zone="Asia/Tokyo", partner_time_zone="Asia/Novosibirsk")

    form = EventForm(instance=event)

    assert form["host_time_zone"].value() == "Asia/Tokyo"
    assert form["partner_time_zone"].value() == "Asia/Novosibirsk"


def test_office_create_page_preselects_office_zone(client_for, settings):
    settings.OFFICE_TIME_ZONE = "Asia/Shanghai"

    response = client_for("officer").get("/en/events/office/new/")

    assert response.status_code == 200
    assert _selected(response.content.decode(), "host_time_zone") == ["Asia/Shanghai"]
