"""Registrations queued for SQLite's write lock behind a locked database fail together, quickly (a 503 each),
instead of waiting the busy timeout one after another."""

import contextlib
import os
import sqlite3
import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from investbridge.events import services
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


def _turn_then_fail(descriptor, entered, hold_seconds):
    with contextlib.suppress(OperationalError), services._sqlite_file_turn(descriptor, queued_at=time.time()):
        entered.set()
        time.sleep(hold_seconds)
        raise OperationalError("database is locked")


@pytest.mark.unit
def test_file_turn_queued_in_another_process_fails_at_once_after_holder_found_lock(tmp_path):
    # Two open file descriptions of one lock file behave as two processes for flock.
    path = tmp_path / "db.sqlite3.registrations.lock"
    first, second = (os.open(path, os.O_RDWR | os.O_CREAT, 0o600) for _ in range(2))
    entered = threading.Event()
    holder = threading.Thread(target=_turn_then_fail, args=(first, entered, 0.3))
    holder.start()
    assert entered.wait(5)
    queued_at = time.time()
    ran = []
    try:
        with pytest.raises(OperationalError), services._sqlite_file_turn(second, queued_at=queued_at):
            ran.append(True)
        waited = time.time() - queued_at
    finally:
        holder.join()
        os.close(first)
        os.close(second)
    assert ran == []
    assert waited < 0.3 + settings.DATABASE_TIMEOUT  # only the holder's time, not a timeout of its own


@pytest.mark.unit
def test_file_turn_runs_when_the_lock_was_found_before_it_queued(tmp_path):
    path = tmp_path / "db.sqlite3.registrations.lock"
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with (
            contextlib.suppress(OperationalError),
            services._sqlite_file_turn(descriptor, queued_at=time.time()),
        ):
            raise OperationalError("database is locked")
        ran = []
        with services._sqlite_file_turn(descriptor, queued_at=time.time()):
            ran.append(True)
    finally:
        os.close(descriptor)
    assert ran == [True]
