"""Progress reports of `solve(..., on_progress=...)`: the best schedule so far, from the caller's thread."""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from . import tuning
from .cpsat import MeetingModel
from .model import Objective, Phase, Progress, Result, Status
from .prepared import evaluate, rank

ProgressCallback = Callable[[Progress], None]


class Reporter:
    """Keeps the best schedule seen so far and hands `Progress` reports to the caller's callback."""

    def __init__(
        self, on_progress: ProgressCallback | None, *, started: float, time_limit: float, meetings: int
    ) -> None:
        self.on_progress = on_progress
        self.started = started
        self.time_limit = time_limit
        self.meetings = meetings
        self.best: Objective | None = None
        self.bound: int | None = None
        self.seconds = 0.0

    def report(self, phase: Phase, candidate: Objective | None = None, bound: int | None = None) -> None:
        if candidate is not None and (self.best is None or rank(candidate) > rank(self.best)):
            self.best = candidate
        if bound is not None:
            self.bound = bound if self.bound is None else min(self.bound, bound)
        self._emit(phase)

    def finish(self, result: Result) -> Result:
        self.best = result.objective if result.status in (Status.OPTIMAL, Status.FEASIBLE) else None
        self.bound = result.upper_bound_priority
        self._emit(Phase.DONE)
        return result

    def _emit(self, phase: Phase) -> None:
        if self.on_progress is None:
            return
        self.seconds = max(self.seconds, time.monotonic() - self.started)
        share = min(1.0, self.seconds / self.time_limit) if self.time_limit > 0 else 1.0
        best_priority = self.best.priority if self.best is not None else 0
        self.on_progress(
            Progress(
                phase=phase,
                seconds=self.seconds,
                share=share,
                meetings=self.meetings,
                best=self.best,
                upper_bound_priority=max(self.bound or 0, best_priority),
            )
        )


class _SolutionCallback(cp_model.CpSolverSolutionCallback):
    """Called by CP-SAT, in its own threads, at every improving solution: queues the placement for the caller
    (which evaluates it; CP-SAT's objective value may count breaks loosely in an intermediate solution)."""

    def __init__(self, model: MeetingModel, events: queue.SimpleQueue[Any]) -> None:
        super().__init__()
        self.model = model
        self.events = events

    def on_solution_callback(self) -> None:
        slot_of = {k: t for (k, t), var in self.model.x.items() if self.boolean_value(var)}
        bound = math.ceil(self.best_objective_bound / self.model.w_priority)
        self.events.put((slot_of, bound))


_FINISHED = object()


def solve_reporting(solver: cp_model.CpSolver, model: MeetingModel, reporter: Reporter) -> Any:
    """Run CP-SAT in a helper thread and report its solutions (and a heartbeat) from the caller's thread, so
    the callback may use thread-bound resources such as a database connection."""
    events: queue.SimpleQueue[Any] = queue.SimpleQueue()
    callback = _SolutionCallback(model, events)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["code"] = solver.solve(model.cp, callback)
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error
        finally:
            events.put(_FINISHED)

    worker = threading.Thread(target=run, name="scheduler-cp-sat", daemon=True)
    worker.start()
    while True:
        try:
            event = events.get(timeout=tuning.HEARTBEAT_SECONDS)
        except queue.Empty:
            reporter.report(Phase.SEARCH)
            continue
        if event is _FINISHED:
            break
        slot_of, bound = event
        reporter.report(Phase.SEARCH, evaluate(model.prep, slot_of), bound)
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["code"]
