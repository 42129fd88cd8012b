"""Periodic jobs (core/schedule.py): enqueued by the worker once per period, in the office's time zone, even
when several workers race for them; one failing job stops neither the others nor the worker."""

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, close_old_connections, connection
from django.test import override_settings
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from investbridge.core import schedule
from investbridge.core.models import PeriodicJobRun
from investbridge.core.worker import ResilientWorker

pytestmark = pytest.mark.integration

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def daily_job(day: str) -> str:
    return day


@task()
def interval_job() -> int:
    return 1


class Broken:
    """A task whose enqueue fails (a bug in the job, not the database)."""

    def enqueue(self, **kwargs: object) -> None:
        raise RuntimeError("this job is broken")


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test's own jobs, with the real tasks queued in the database."""
    monkeypatch.setattr(schedule, "_registry", {})
    with override_settings(TASKS=DATABASE_TASKS, OFFICE_TIME_ZONE="Asia/Shanghai", PERIODIC_JOBS={}):
        yield


def _queued(job) -> list[dict]:
    return [
        result.args_kwargs["kwargs"]
        for result in DBTaskResult.objects.filter(task_path=job.module_path).order_by("enqueued_at")
    ]


def _office(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """An office (Asia/Shanghai, UTC+8) time as a UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@pytest.mark.django_db
def test_daily_job_enqueued_once_per_office_day(registry):
    schedule.register("test.daily", daily_job, at=time(8, 0))

    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 4, 7, 59)) == []
    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 4, 8, 0)) == ["test.daily"]
    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 4, 8, 1)) == []
    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 4, 23, 59)) == []
    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 5, 7, 0)) == []
    assert schedule.enqueue_due_jobs(now=_office(2026, 12, 5, 9, 30)) == ["test.daily"]

    assert _queued(daily_job) == [{"day": "2026-12-04"}, {"day": "2026-12-05"}]
    assert PeriodicJobRun.objects.get(name="test.daily").period == "2026-12-05"


@pytest.mark.django_db
def test_daily_job_uses_the_office_day_around_its_midnight(registry):
    schedule.register("test.midnight", daily_job, at=time(0, 0))
    # 15:59 UTC on 4 December is 23:59 in Haikou: the office's 4 December.
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 4, 15, 59, tzinfo=UTC)) == ["test.midnight"]
    # 16:00 UTC, still 4 December in UTC, is midnight of 5 December in Haikou: a new period.
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 4, 16, 0, tzinfo=UTC)) == ["test.midnight"]
    # 23:00 UTC on 4 December is 07:00 on 5 December in Haikou: the same office day.
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 4, 23, 0, tzinfo=UTC)) == []

    assert _queued(daily_job) == [{"day": "2026-12-04"}, {"day": "2026-12-05"}]


@pytest.mark.django_db
def test_daily_job_not_due_before_its_office_time_although_due_in_utc(registry):
    schedule.register("test.daily", daily_job, at=time(8, 0))
    # 08:30 UTC is 16:30 in Haikou (due); 23:30 UTC is 07:30 the next day in Haikou (not yet).
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 4, 8, 30, tzinfo=UTC)) == ["test.daily"]
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 4, 23, 30, tzinfo=UTC)) == []
    assert schedule.enqueue_due_jobs(now=datetime(2026, 12, 5, 0, 10, tzinfo=UTC)) == ["test.daily"]

    assert _queued(daily_job) == [{"day": "2026-12-04"}, {"day": "2026-12-05"}]


@pytest.mark.django_db
def test_interval_job_enqueued_once_per_interval(registry):
    schedule.register("test.interval", interval_job, every=timedelta(minutes=15))
    start = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)

    assert schedule.enqueue_due_jobs(now=start) == ["test.interval"]
    assert schedule.enqueue_due_jobs(now=start + timedelta(minutes=14, seconds=59)) == []
    assert schedule.enqueue_due_jobs(now=start + timedelta(minutes=15)) == ["test.interval"]
    assert schedule.enqueue_due_jobs(now=start + timedelta(minutes=29)) == []

    assert _queued(interval_job) == [{}, {}]


@pytest.mark.django_db
def test_settings_switch_a_job_off_or_change_its_time(registry):
    schedule.register("test.daily", daily_job, at=time(8, 0))
    now = _office(2026, 12, 4, 7, 0)

    with override_settings(PERIODIC_JOBS={"test.daily": "off"}):
        assert schedule.enqueue_due_jobs(now=_office(2026, 12, 4, 9, 0)) == []
    with override_settings(PERIODIC_JOBS={"test.daily": "06:30"}):
        assert schedule.enqueue_due_jobs(now=now) == ["test.daily"]
    with override_settings(PERIODIC_JOBS={"test.daily": "tomorrow"}), pytest.raises(ImproperlyConfigured):
        schedule.jobs()

    assert _queued(daily_job) == [{"day": "2026-12-04"}]


@pytest.mark.django_db
def test_failing_job_does_not_stop_the_others_and_is_retried(registry):
    schedule.register("test.broken", Broken(), every=timedelta(minutes=15))
    schedule.register("test.interval", interval_job, every=timedelta(minutes=15))
    failed: list[str] = []
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)

    assert schedule.enqueue_due_jobs(now=now, on_error=failed.append) == ["test.interval"]
    assert failed == ["test.broken"]
    # The failed job's period was not claimed: the next tick tries it again.
    assert schedule.enqueue_due_jobs(now=now, on_error=failed.append) == []
    assert failed == ["test.broken", "test.broken"]
    assert _queued(interval_job) == [{}]


@pytest.mark.django_db
def test_worker_schedule_step_survives_database_errors(registry, monkeypatch):
    def database_down(**kwargs: object) -> list[str]:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(schedule, "enqueue_due_jobs", database_down)
    worker = _worker(schedule_periodic_jobs=True)

    worker.schedule_step()  # logged, not raised

    assert worker.running is True


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


@pytest.mark.django_db(transaction=True)
def test_worker_enqueues_due_jobs_from_its_schedule_thread(registry):
    schedule.register("test.interval", interval_job, every=timedelta(minutes=15))
    worker = _worker(schedule_periodic_jobs=True, batch=False, interval=0.05)
    runner = threading.Thread(target=worker.run)
    runner.start()
    try:
        for _attempt in range(100):
            if DBTaskResult.objects.filter(task_path=interval_job.module_path, status="SUCCESSFUL").exists():
                break
            threading.Event().wait(0.05)
    finally:
        worker.running = False
        runner.join(timeout=10)

    assert not runner.is_alive()
    # The worker's own loop ran the task it had enqueued.
    assert list(
        DBTaskResult.objects.filter(task_path=interval_job.module_path).values_list("status", flat=True)
    ) == ["SUCCESSFUL"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_enqueue_a_due_job_once(registry):
    schedule.register("test.daily", daily_job, at=time(8, 0))
    schedule.register("test.interval", interval_job, every=timedelta(minutes=15))
    now = _office(2026, 12, 4, 8, 0)
    workers = 4
    barrier = threading.Barrier(workers)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def tick() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(schedule.enqueue_due_jobs(now=now))
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(name for names in results for name in names) == ["test.daily", "test.interval"]
    assert _queued(daily_job) == [{"day": "2026-12-04"}]
    assert _queued(interval_job) == [{}]


def test_register_refuses_a_job_without_exactly_one_timing(registry):
    with pytest.raises(ImproperlyConfigured):
        schedule.register("test.none", interval_job)
    with pytest.raises(ImproperlyConfigured):
        schedule.register("test.both", interval_job, at=time(8, 0), every=timedelta(minutes=15))


def test_domains_register_their_periodic_jobs():
    assert {job.name: (job.at, job.every) for job in schedule.jobs()} == {
        "pipeline.digests": (time(8, 0), None),
        "pipeline.warnings": (None, timedelta(minutes=15)),
        "pipeline.reminders": (None, timedelta(minutes=15)),
        "matchmaking.expire": (None, timedelta(minutes=15)),
        "core.inbound_folder": (None, timedelta(minutes=1)),
        "core.inbound_imap": (None, timedelta(minutes=2)),
    }
