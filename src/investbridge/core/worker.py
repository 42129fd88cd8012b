"""The background worker that survives the database: django-tasks-db's worker loop, restarted after a database
error (locked SQLite, PostgreSQL restarting or unreachable) instead of dying with it.

django-tasks-db's `Worker.run` already skips a locked database while it looks for a task, but any other database
error, or a lock while it records a task's result or closes old connections, ends the process. `ResilientWorker`
catches those errors (`OperationalError`, `InterfaceError`), logs them, closes every connection (a broken one
must not be reused), waits with exponential back-off and runs the loop again. Everything else (a bug, SystemExit
from the shutdown signals) ends the worker as before; a supervisor (`make serve`, systemd's `Restart=always`)
starts it again, see docs/architecture.md.
"""

import logging
import threading
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Worker

from investbridge.core import schedule

logger = logging.getLogger(__name__)

#: Errors after which the worker waits and goes on: the database is locked, restarting or unreachable.
RECOVERABLE_ERRORS = (OperationalError, InterfaceError)


class ResilientWorker(Worker):
    """django-tasks-db's worker whose loop outlives database errors (log, close connections, back off, go on)."""

    def __init__(
        self,
        *,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        schedule_periodic_jobs: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        #: How many times the loop has been restarted after a database error (for logs and tests).
        self.recoveries = 0
        #: Whether this worker enqueues the due periodic jobs (`core/schedule.py`) beside its task loop.
        self.schedule_periodic_jobs = schedule_periodic_jobs
        self._stop_schedule = threading.Event()

    def run(self) -> None:
        scheduler = None
        if self.schedule_periodic_jobs:
            scheduler = threading.Thread(target=self.run_schedule, name="periodic-jobs", daemon=True)
            scheduler.start()
        try:
            self.run_tasks()
        finally:
            self._stop_schedule.set()
            if scheduler is not None:
                scheduler.join(timeout=5)

    def schedule_step(self) -> None:
        """Enqueue the due periodic jobs once; a database error is logged and the next tick tries again."""
        try:
            schedule.enqueue_due_jobs()
        except RECOVERABLE_ERRORS as error:
            logger.warning(
                "Worker %s: database error while scheduling periodic jobs (%s: %s).",
                self.worker_id,
                type(error).__name__,
                error,
            )
            close_all_connections()
        except Exception:
            logger.exception("Worker %s: scheduling periodic jobs failed.", self.worker_id)

    def run_schedule(self) -> None:
        """The scheduling thread: one step every `schedule.TICK_SECONDS` until the worker stops."""
        try:
            while True:
                self.schedule_step()
                if not self.running or self._stop_schedule.wait(schedule.TICK_SECONDS):
                    break
        finally:
            close_all_connections()

    def run_tasks(self) -> None:
        delay = self.backoff_initial
        while self.running:
            started = time.monotonic()
            try:
                super().run()
            except RECOVERABLE_ERRORS as error:
                # A loop that ran well for longer than the current wait was a new failure, not a repeated one.
                if time.monotonic() - started > delay:
                    delay = self.backoff_initial
                self.recoveries += 1
                logger.warning(
                    "Worker %s: database error (%s: %s); retrying in %.1f s.",
                    self.worker_id,
                    type(error).__name__,
                    error,
                    delay,
                )
                close_all_connections()
                self.startup_delay = False
                time.sleep(delay)
                delay = min(delay * 2, self.backoff_max)
            else:
                return  # --batch found nothing more to do, or --max-tasks was reached


def close_all_connections() -> None:
    """Close every database connection of this thread, ignoring errors of already broken ones."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except RECOVERABLE_ERRORS:
            logger.debug("Closing a broken connection failed", exc_info=True)
