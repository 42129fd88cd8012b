"""`investbridge demo` loads only into the embedded default SQLite database unless --force is given."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from investbridge.accounts.models import User

pytestmark = pytest.mark.integration


def test_demo_refuses_a_database_other_than_the_embedded_default(db):
    # The test database (SQLite file or PostgreSQL) is never var/investbridge.sqlite3.
    with pytest.raises(CommandError) as raised:
        call_command("demo", stdout=StringIO())

    assert "Refusing to load the demo" in str(raised.value)
    assert "Add --force" in str(raised.value)
    assert not User.objects.filter(email__endswith="@investbridge.demo").exists()


def test_demo_loads_into_the_embedded_default_database(db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("The embedded default database is SQLite.")
    # Make the settings' default SQLite path the test database itself.
    with override_settings(DEFAULT_SQLITE=connection.settings_dict["NAME"]):
        call_command("demo", stdout=StringIO())

    assert User.objects.filter(email="officer@investbridge.demo").exists()
