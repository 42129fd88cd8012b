"""Lead.source_event_id (a plain integer) becomes Lead.source_event, a foreign key to events.Event.

The column keeps its name (source_event_id) and its values: first the numbers that name no event (possible while
it was a plain integer) are cleared, since a foreign key cannot hold them; then the field is renamed and altered,
which adds the index and the constraint (SQLite rebuilds the table, copying the values).
"""

import django.db.models.deletion
from django.db import migrations, models


def clear_unknown_events(apps, schema_editor):
    Lead = apps.get_model("pipeline", "Lead")
    Event = apps.get_model("events", "Event")
    Lead.objects.filter(source_event_id__isnull=False).exclude(
        source_event_id__in=Event.objects.values("pk")
    ).update(source_event_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_registration_attended_minutes"),
        ("pipeline", "0001_inquiries_leads_cases"),
    ]

    operations = [
        migrations.RunPython(clear_unknown_events, migrations.RunPython.noop, elidable=True),
        migrations.RenameField(model_name="lead", old_name="source_event_id", new_name="source_event"),
        migrations.AlterField(
            model_name="lead",
            name="source_event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sourced_leads",
                to="events.event",
                verbose_name="source event",
            ),
        ),
    ]
