"""Registrations behind a locked SQLite database fail together, quickly (a 503 each), whether they come from
threads of one process or from several processes (gunicorn workers): each waits the busy timeout at the same
time as the others, never one timeout after another."""

import multiprocessing
import sqlite3
import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from tests.events.test_concurrency import _register
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _hold_write_lock() -> sqlite3.Connection:
    """Another connection takes SQLite's write lock and keeps it (readers go on: WAL)."""
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_registrations_queued_behind_locked_sqlite_fail_within_two_timeouts(run_concurrently):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    event = EventFactory(capacity=5)
    holder = _hold_write_lock()
    try:
        started = time.monotonic()
        results, errors = run_concurrently(_register, [(event.pk, f"p{i}@example.org") for i in range(6)])
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert [type(error) for error in errors] == [OperationalError] * 6
    assert results == [None] * 6
    assert elapsed < 2 * settings.DATABASE_TIMEOUT  # one timeout for all of them, not one each


def _register_in_threads(event_id: int, process: int, answers: "multiprocessing.Queue[str]") -> None:
    """In a forked process (a gunicorn worker's stand-in): two registrations from two threads, each answering
    the name of the error that ended it (or "registered")."""
    connection.close()  # never use the parent's connection: open this process's own

    def register(email: str) -> None:
        try:
            _register(event_id, email)
        except OperationalError:
            answers.put("OperationalError")
        else:
            answers.put("registered")
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(f"p{process}-{i}@example.org",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_registrations_of_several_processes_behind_locked_sqlite_fail_within_two_timeouts():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    event = EventFactory(capacity=5)
    connection.close()  # the children start without an open connection of the parent's
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    processes = [context.Process(target=_register_in_threads, args=(event.pk, i, answers)) for i in range(3)]
    holder = _hold_write_lock()
    try:
        started = time.monotonic()
        for process in processes:
            process.start()
        received = sorted(answers.get(timeout=4 * settings.DATABASE_TIMEOUT) for _ in range(6))
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        for process in processes:
            process.join(timeout=30)

    assert received == ["OperationalError"] * 6
    assert [process.exitcode for process in processes] == [0, 0, 0]
    assert elapsed < 2 * settings.DATABASE_TIMEOUT  # one timeout for all of them, not one each
