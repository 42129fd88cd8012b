"""Registrations queued for SQLite's write lock behind a locked database fail together, quickly (a 503 each),
instead of waiting the busy timeout one after another."""

import sqlite3
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from tests.events.test_concurrency import _register
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_registrations_queued_behind_locked_sqlite_fail_within_two_timeouts(run_concurrently):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's writer queue")
    event = EventFactory(capacity=5)
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock; readers go on (WAL)
    try:
        started = time.monotonic()
        results, errors = run_concurrently(_register, [(event.pk, f"p{i}@example.org") for i in range(6)])
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert [type(error) for error in errors] == [OperationalError] * 6
    assert results == [None] * 6
    assert (
        elapsed < 2 * settings.DATABASE_TIMEOUT
    )  # one timeout for the first, none for those queued behind it
