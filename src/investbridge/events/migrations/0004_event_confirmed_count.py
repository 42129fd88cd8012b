from django.db import migrations, models
from django.db.models import Count, Q


def count_confirmed(apps, schema_editor):
    """Existing events start with the number of their confirmed registrations."""
    Event = apps.get_model("events", "Event")
    counts = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).values_list("pk", "confirmed")
    for pk, confirmed in counts:
        if confirmed:
            Event.objects.filter(pk=pk).update(confirmed_count=confirmed)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_session_languages_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="confirmed_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_confirmed, migrations.RunPython.noop),
    ]
