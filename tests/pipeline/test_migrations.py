"""The migration that turns Lead.source_event_id (a plain integer) into a foreign key keeps the links to events
that exist and clears the numbers that name none, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from investbridge.pipeline.models import Lead
from tests.factories.directory import OrganizationFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration

BEFORE = [("pipeline", "0001_inquiries_leads_cases")]
AFTER = [("pipeline", "0002_lead_source_event_foreign_key")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_source_event_migration_keeps_known_events_and_clears_unknown_numbers(transactional_db):
    old_apps = _migrate(BEFORE)
    try:
        event = EventFactory()
        organization = OrganizationFactory()
        OldLead = old_apps.get_model("pipeline", "Lead")
        kept = OldLead.objects.create(
            title="Kept", organization_id=organization.pk, source="event", source_event_id=event.pk
        )
        unknown = OldLead.objects.create(
            title="Unknown", organization_id=organization.pk, source="event", source_event_id=event.pk + 1000
        )
        direct = OldLead.objects.create(title="Direct", organization_id=organization.pk, source="direct")
    finally:
        _migrate(AFTER)

    assert Lead.objects.get(pk=kept.pk).source_event == event
    assert Lead.objects.get(pk=unknown.pk).source_event_id is None
    assert Lead.objects.get(pk=direct.pk).source_event_id is None
