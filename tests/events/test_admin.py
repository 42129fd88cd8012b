"""The administration site's event and registration pages keep the place counters the services maintain."""

import pytest
from django import forms
from django.contrib import admin
from django.db.models import F

from investbridge.events.models import Event, Registration
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = pytest.mark.integration


def test_event_admin_edit_keeps_counters_changed_since_its_copy_was_read(client, admin_user, monkeypatch):
    event = EventFactory(capacity=5)
    client.force_login(admin_user)
    page = client.get(f"/admin/events/event/{event.pk}/change/")
    form = page.context["adminform"].form
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.MultiWidget):  # the date and time of a split datetime
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = field.widget.widgets[index].format_value(part) or ""
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    data.update({"capacity": "6", "_save": "Save"})
    data.update(_formset_management(page))
    model_admin = admin.site._registry[Event]
    read = model_admin.get_object

    def read_then_a_registration_commits(*args, **kwargs):
        # A registration takes a place just after the admin read its copy of the event for the save.
        copy = read(*args, **kwargs)
        Event.objects.filter(pk=event.pk).update(
            confirmed_count=F("confirmed_count") + 1, arrivals=F("arrivals") + 1
        )
        return copy

    monkeypatch.setattr(model_admin, "get_object", read_then_a_registration_commits)

    response = client.post(f"/admin/events/event/{event.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event.refresh_from_db()
    assert (event.capacity, event.confirmed_count, event.arrivals) == (6, 1, 1)


def _formset_management(page) -> dict[str, str]:
    data = {}
    for formset in page.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = str(management[name].value())
    return data


def test_registration_admin_shows_status_read_only_and_adds_or_deletes_nothing(rf, admin_user):
    registration = RegistrationFactory()
    request = rf.get("/admin/")
    request.user = admin_user
    model_admin = admin.site._registry[Registration]

    assert "status" in model_admin.get_readonly_fields(request, registration)
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_delete_permission(request, registration) is False
