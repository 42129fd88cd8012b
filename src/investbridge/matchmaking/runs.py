"""The scheduler run: the `run_scheduler` task builds the engine's instance, solves, checks and saves the draft
schedule, with the run's progress on its row while the engine works.

`services.schedule_run_start` queues the task. It is defined here, beside its body, rather than in `tasks.py`: the
services queue it, and `tasks.py` calls the services, so a task the services queue cannot live there without an
import cycle.
"""

from collections.abc import Callable
from time import monotonic
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from investbridge.matchmaking import engine
from investbridge.matchmaking.models import RunStatus, ScheduleRun
from investbridge.matchmaking.scheduler import Progress

#: The scheduler's progress is written to the run's row at most this often (seconds; the page polls once a second).
PROGRESS_WRITE_SECONDS = 1.0


@task()
def run_scheduler(run_id: int) -> int:
    """Compute the draft schedule of a queued run; returns the number of meetings scheduled."""
    return schedule_run_execute(run_id=run_id).scheduled


class RunProgressRecorder:
    """Stores the engine's progress reports on the run's row, at most once per `interval` seconds.

    The engine reports every improving schedule and a heartbeat about twice a second; the page polls once a
    second, so writing more often would only load the database. A report is never lost for good: each one
    carries the best schedule so far, so the next stored report includes it. The final state is written by
    `schedule_run_execute` when the run ends.
    """

    def __init__(
        self,
        run: ScheduleRun,
        *,
        interval: float = PROGRESS_WRITE_SECONDS,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.run = run
        self.interval = interval
        self.clock = clock
        self.last_write: float | None = None
        self.writes = 0

    def __call__(self, progress: Progress) -> None:
        now = self.clock()
        if self.last_write is not None and now - self.last_write < self.interval:
            return
        self.last_write = now
        values: dict[str, Any] = {
            # Running: the share of the time limit used; 100 only once the run is done.
            "progress": min(99, int(progress.share * 100)),
            "seconds": round(progress.seconds, 1),
            "upper_bound": progress.upper_bound_priority,
            "updated_at": timezone.now(),
        }
        if progress.best is not None:
            values |= {
                "scheduled": progress.best.scheduled,
                "unscheduled": progress.meetings - progress.best.scheduled,
                "breaks": progress.best.breaks,
                "priority": progress.best.priority,
            }
        ScheduleRun.objects.filter(pk=self.run.pk, status=RunStatus.RUNNING).update(**values)
        self.writes += 1


def schedule_run_execute(*, run_id: int, seed: int = 0, workers: int = 2) -> ScheduleRun:
    """Build the engine instance, solve, validate with the checker and save the draft schedule.

    While the engine works, the run's row holds its progress (`RunProgressRecorder`): the share of the time
    limit used, the seconds so far and the best schedule so far (scheduled meetings, breaks, priority, bound).
    """
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    _progress(run, status=RunStatus.RUNNING, progress=0)
    try:
        outcome = engine.schedule(
            event=run.event,
            time_limit=run.time_limit,
            seed=seed,
            workers=workers,
            on_progress=RunProgressRecorder(run),
        )
    except engine.ScheduleError as error:
        _progress(run, status=RunStatus.FAILED, progress=100, error=str(error))
        return run
    except Exception:
        _progress(
            run,
            status=RunStatus.FAILED,
            progress=100,
            error=_("The scheduler stopped with an internal error."),
        )
        raise
    run.solver_status = outcome.status
    run.scheduled = outcome.scheduled
    run.unscheduled = outcome.unscheduled
    run.breaks = outcome.breaks
    run.priority = outcome.priority
    run.upper_bound = outcome.upper_bound
    run.seconds = outcome.seconds
    _progress(run, status=RunStatus.DONE, progress=100)
    return run


def _progress(run: ScheduleRun, *, progress: int, status: str | None = None, error: str = "") -> None:
    run.progress = progress
    fields = ["progress", "updated_at"]
    if status is not None:
        run.status = status
        fields.append("status")
        if status in (RunStatus.DONE, RunStatus.FAILED):
            run.finished_at = timezone.now()
            fields += [
                "finished_at",
                "solver_status",
                "scheduled",
                "unscheduled",
                "breaks",
                "priority",
                "upper_bound",
                "seconds",
            ]
    if error:
        run.error = error
        fields.append("error")
    run.save(update_fields=fields)
