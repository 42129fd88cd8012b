"""The tables of the database cache (`core.cache.DatabaseCache`): pages and fragments, and the limits.

They are made here rather than by `createcachetable`, so that `migrate` (in `make run`, in the test runner, in
production) always leaves them in place, whether or not the site uses Redis today.
"""

import io

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLES = ("investbridge_cache", "investbridge_limits")


def create_tables(apps, schema_editor):
    command = CreateCacheTable(stdout=io.StringIO(), stderr=io.StringIO())
    command.verbosity = 0
    for table in TABLES:
        command.create_table(schema_editor.connection.alias, table, False)


def drop_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for table in TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create_tables, drop_tables)]
