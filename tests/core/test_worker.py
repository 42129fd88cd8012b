"""The background worker outlives database errors, and the supervisor restarts it when it exits anyway."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings
from django_tasks import task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from investbridge.core.worker import ResilientWorker

pytestmark = pytest.mark.integration

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DONE: list[str] = []


@task()
def remember(word: str) -> str:
    DONE.append(word)
    return word.upper()


def _worker(**overrides) -> ResilientWorker:
    options = {
        "queue_names": ["*"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
    }
    return ResilientWorker(**{**options, **overrides})


@pytest.fixture
def failing_once(monkeypatch):
    """The worker loop's first database call of an iteration fails once, as when the server restarts."""
    calls = {"count": 0}
    real = db_worker.close_old_connections

    def flaky() -> None:
        calls["count"] += 1
        if calls["count"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        real()

    monkeypatch.setattr(db_worker, "close_old_connections", flaky)
    return calls


@pytest.mark.django_db(transaction=True)
def test_worker_survives_database_error_then_runs_queued_task(failing_once, caplog):
    DONE.clear()
    with override_settings(TASKS=DATABASE_TASKS):
        result = remember.enqueue("привет")
        worker = _worker()

        with caplog.at_level(logging.WARNING, logger="investbridge.core.worker"):
            worker.run()

    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.status, stored.return_value, DONE) == ("SUCCESSFUL", "ПРИВЕТ", ["привет"])
    assert worker.recoveries == 1
    assert [record.getMessage() for record in caplog.records] == [
        "Worker test-worker: database error (OperationalError: server closed the connection unexpectedly); "
        "retrying in 0.0 s."
    ]


@pytest.mark.django_db(transaction=True)
def test_plain_worker_dies_on_the_same_error(failing_once):
    """Why the project runs its own worker: django-tasks-db's gives up on the first such error."""
    with override_settings(TASKS=DATABASE_TASKS):
        remember.enqueue("x")
        plain = db_worker.Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="plain",
            excluded_queue_names=[],
        )
        with pytest.raises(OperationalError):
            plain.run()


def test_worker_backoff_doubles_up_to_the_maximum(monkeypatch):
    waits: list[float] = []
    worker = _worker(backoff_initial=1.0, backoff_max=4.0)

    def fail(self) -> None:
        if len(waits) == 5:
            return
        raise OperationalError("database is locked")

    monkeypatch.setattr(db_worker.Worker, "run", fail)
    monkeypatch.setattr("investbridge.core.worker.time.sleep", waits.append)

    worker.run()

    assert waits == [1.0, 2.0, 4.0, 4.0, 4.0]
    assert worker.recoveries == 5


def _read_pid(path: Path, other_than: int | None = None, timeout: float = 20) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and (text := path.read_text().strip()):
            pid = int(text)
            if pid != other_than:
                return pid
        time.sleep(0.05)
    raise AssertionError(f"no new child pid in {path}")


def test_supervisor_restarts_killed_worker_and_stops_it_on_sigterm(tmp_path):
    pid_file = tmp_path / "child.pid"
    child = (
        "import os, pathlib, signal, sys, time\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))\n"
        "time.sleep(120)\n"
    )
    supervisor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "investbridge.core.supervisor",
            "--delay",
            "0.1",
            "--",
            sys.executable,
            "-c",
            child,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = _read_pid(pid_file)
        os.kill(first, signal.SIGKILL)
        second = _read_pid(pid_file, other_than=first)

        supervisor.send_signal(signal.SIGTERM)
        status = supervisor.wait(timeout=20)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()
        log = supervisor.stderr.read() if supervisor.stderr else ""
        if supervisor.stderr:
            supervisor.stderr.close()

    assert status == 0
    assert f"pid {first} exited with status -9; restarting in 0.1 s" in log
    assert f"stopped (pid {second}, status 0)" in log
    with pytest.raises(ProcessLookupError):
        os.kill(second, 0)
