from django.db import migrations

SECTIONS = "ABCDEFGHIJKLMNOPQRSTU"


def add_sections(apps, schema_editor):
    Sector = apps.get_model("directory", "Sector")
    for code in SECTIONS:
        Sector.objects.get_or_create(code=code)


def remove_sections(apps, schema_editor):
    apps.get_model("directory", "Sector").objects.filter(code__in=list(SECTIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(add_sections, remove_sections)]
