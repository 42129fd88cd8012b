"""Periodic jobs run by the platform's own worker (`investbridge worker`), not by an external cron.

A domain registers its jobs in its `AppConfig.ready()` with `register(...)`: a name, *when* (a time of day in
the office's time zone, `settings.OFFICE_TIME_ZONE`, or an interval) and the django-tasks task to enqueue. The
worker calls `enqueue_due_jobs()` every `TICK_SECONDS` (a thread beside its task loop, see `core/worker.py`);
a due job is enqueued **once per period**, even with several worker processes: the period is claimed with one
conditional UPDATE of the job's row (`core.PeriodicJobRun`, one row per job name, unique), and only the worker
whose UPDATE changed the row enqueues the task.

- A daily job (`at=time(8, 0)`) is due from that time of the office's day until the office's midnight; its
  period is the office's date, and the task is enqueued with `day="YYYY-MM-DD"` (that date). A day on which no
  worker ran after that time is skipped, not caught up later.
- An interval job (`every=timedelta(minutes=15)`) is due once in each interval counted from the Unix epoch; its
  task is enqueued without arguments.

`settings.PERIODIC_JOBS` (from `INVESTBRIDGE_SCHEDULE_*`) overrides a job's time: `off` switches it off,
`HH:MM` makes it daily at that office time, `<N>m` makes it run every N minutes. An error while enqueuing one
job is logged and does not stop the others or the worker.
"""

import logging
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

#: How often the worker looks for due jobs (seconds).
TICK_SECONDS = 30.0

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    """A job: enqueue `task` daily at the office's time `at`, or every `every`."""

    name: str
    task: Any  # a django-tasks Task (anything with .enqueue())
    at: time | None = None
    every: timedelta | None = None

    def period(self, now: datetime) -> str | None:
        """The period `now` falls into when the job is due by then (its key), or None when it is not due yet."""
        if self.at is not None:
            local = now.astimezone(zoneinfo.ZoneInfo(settings.OFFICE_TIME_ZONE))
            if local.time().replace(tzinfo=None) < self.at:
                return None
            return local.date().isoformat()
        assert self.every is not None
        seconds = int(self.every.total_seconds())
        return f"every{seconds}:{int((now - _EPOCH).total_seconds()) // seconds}"

    def enqueue(self, period: str) -> None:
        if self.at is not None:
            self.task.enqueue(day=period)
        else:
            self.task.enqueue()


_registry: dict[str, PeriodicJob] = {}


def register(name: str, task: Any, *, at: time | None = None, every: timedelta | None = None) -> None:
    """Register a periodic job (in an AppConfig.ready()); `settings.PERIODIC_JOBS[name]` may override when."""
    if (at is None) == (every is None):
        raise ImproperlyConfigured(f"Periodic job {name}: give either at= or every=.")
    if every is not None and every < timedelta(minutes=1):
        raise ImproperlyConfigured(f"Periodic job {name}: the interval must be at least one minute.")
    _registry[name] = PeriodicJob(name=name, task=task, at=at, every=every)


def parse_when(name: str, value: str) -> tuple[time | None, timedelta | None] | None:
    """`off` → None, `HH:MM` → (time, None), `<N>m` → (None, N minutes); anything else is a configuration error."""
    text = value.strip().lower()
    if text in {"off", "no", "false", "0", "disabled"}:
        return None
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", text):
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return time(hour, minute), None
    if match := re.fullmatch(r"(\d+)m", text):
        minutes = int(match[1])
        if minutes >= 1:
            return None, timedelta(minutes=minutes)
    raise ImproperlyConfigured(
        f"INVESTBRIDGE_SCHEDULE_* for {name}: {value!r} is not 'off', a time HH:MM or an interval like 15m."
    )


def jobs() -> list[PeriodicJob]:
    """The registered jobs with the settings' overrides applied, switched-off jobs left out."""
    overrides: dict[str, str | None] = getattr(settings, "PERIODIC_JOBS", {})
    result = []
    for job in _registry.values():
        value = overrides.get(job.name)
        if value:
            when = parse_when(job.name, value)
            if when is None:
                continue
            job = PeriodicJob(name=job.name, task=job.task, at=when[0], every=when[1])
        result.append(job)
    return result


def claim(name: str, period: str, *, now: datetime) -> bool:
    """Claim the job's period for this worker: True exactly once per (job, period), whoever races for it.
    Call it inside the transaction that enqueues the task, so that a failed enqueue leaves the period unclaimed."""
    from investbridge.core.models import PeriodicJobRun

    try:
        with transaction.atomic():
            PeriodicJobRun.objects.get_or_create(name=name)
    except IntegrityError:
        pass  # another worker created the row at the same moment
    updated = (
        PeriodicJobRun.objects.filter(name=name).exclude(period=period).update(period=period, last_run_at=now)
    )
    return updated == 1


def enqueue_due_jobs(
    *, now: datetime | None = None, on_error: Callable[[str], None] | None = None
) -> list[str]:
    """Enqueue every due job whose period no worker has claimed yet; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        try:
            period = job.period(now)
            if period is None:
                continue
            with transaction.atomic():
                if not claim(job.name, period, now=now):
                    continue
                job.enqueue(period)
        except Exception:
            logger.exception("Periodic job %s could not be enqueued.", job.name)
            if on_error is not None:
                on_error(job.name)
            continue
        logger.info("Periodic job %s enqueued for %s.", job.name, period)
        enqueued.append(job.name)
    return enqueued
