"""Phases 1 and 2 of `solve_b2b`: CP-SAT on the block models (`blocks`), beside the SAT searches.

While CP-SAT runs beside the SAT searches, a watcher thread stops it when a SAT search has ended, when it has
no schedule by its deadline, or when it is still far above the bound the SAT search has proven (then it hands
its core over); when it is only a few breaks above that bound, the watcher starts a SAT search downwards from
its best schedule. The thresholds are in `tuning`.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from ortools.sat.python import cp_model

from investbridge.matchmaking.scheduler.model import Status

from . import tuning
from .blocks import block_model
from .instance import B2BResult
from .sat_process import SatTeam
from .state import SolveState


class _Solutions(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.best = math.inf
        self.best_at: float | None = None  # when the best schedule was found (monotonic clock)

    def on_solution_callback(self) -> None:
        self.count += 1
        if self.objective_value < self.best:
            self.best, self.best_at = self.objective_value, time.monotonic()


def zero_break_phase(state: SolveState, team: SatTeam | None) -> B2BResult | None:
    """Phase 1: a schedule without any break (optimal whatever d), for BLOCK_PHASE_SHARE of the time; when
    there is none, the optimum is at least 1."""
    assert state.domains is not None
    block = block_model(state.instance, state.domains)
    if block is None:
        state.raise_lower(1)
        return None
    model, x = block
    solver = cp_model.CpSolver()
    state.configure(solver, tuning.BLOCK_PHASE_SHARE * state.time_limit, portfolio=False)
    code, _ = _solve(state, solver, model, team)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return state.result(Status.OPTIMAL, state.read(solver, x), 0, state.elapsed())
    if code == cp_model.INFEASIBLE:
        state.raise_lower(1)
    return None


def relaxed_phase(state: SolveState, team: SatTeam | None) -> None:
    """Phase 2: as few participants as possible off a single block, at most d breaks each. Its optimum is a
    lower bound and its schedules are fair. The loose model (busy slots off the block counted in the slot rule
    too) finds far better schedules, but on some instances none at all: without one by FIRST_SCHEDULE_SHARE of
    the time, the plain relaxation (off its block, anything goes) takes over. Beside the SAT search it runs
    until SAT_PHASE_END (or the SAT search's end); alone, it leaves time to the exact model."""
    assert state.domains is not None
    end = tuning.SAT_PHASE_END if team is not None else tuning.BLOCK_PHASE_SHARE + tuning.RELAXED_PHASE_SHARE
    code: Any = cp_model.UNKNOWN
    for loose in (True, False):
        sat_ended = team is not None and team.first_ended()
        if sat_ended or code != cp_model.UNKNOWN or state.elapsed() >= end * state.time_limit:
            break
        relaxed = block_model(state.instance, state.domains, relaxed=True, cap=state.fairness, loose=loose)
        assert relaxed is not None  # the relaxation always has a model
        model, x = relaxed
        if state.hint is not None:
            for (m, t), var in x.items():
                model.add_hint(var, state.hint[m] == t)
        solver = cp_model.CpSolver()
        state.configure(solver, end * state.time_limit - state.elapsed(), portfolio=False)
        first_by = state.at(tuning.FIRST_SCHEDULE_SHARE) if loose else None
        code, solutions = _solve(state, solver, model, team, first_by=first_by, handover=True)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            state.raise_lower(math.ceil(solver.best_objective_bound - 1e-6))
            found = state.read(solver, x)
            state.hint = found  # even when unfair: the exact model repairs it
            if state.fair(found):
                state.keep(found, solutions.best_at if solutions is not None else None)


def _solve(
    state: SolveState,
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    team: SatTeam | None,
    *,
    first_by: float | None = None,
    handover: bool = False,
) -> tuple[Any, _Solutions | None]:
    """Run CP-SAT on `model`, watched when beside the SAT searches or with a deadline `first_by` for a first
    schedule (monotonic clock); returns its status and, when watched, its solutions."""
    if team is None and first_by is None:
        return solver.solve(model), None
    solutions = _Solutions()
    finished = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(state, solver, solutions, team, first_by, handover, finished), daemon=True
    )
    watcher.start()
    try:
        return solver.solve(model, solutions), solutions
    finally:
        finished.set()
        watcher.join()


def _watch(
    state: SolveState,
    solver: cp_model.CpSolver,
    solutions: _Solutions,
    team: SatTeam | None,
    first_by: float | None,
    handover: bool,
    finished: threading.Event,
) -> None:
    while True:
        if team is not None:
            team.poll(tuning.WATCH_SECONDS)
        else:
            time.sleep(tuning.WATCH_SECONDS)
        elapsed = state.elapsed()
        stop = (team is not None and team.done()) or (
            first_by is not None and not solutions.count and time.monotonic() > first_by
        )
        if handover and team is not None and solutions.count:
            # The relaxed model's objective is at least the breaks of its schedule.
            gap = solutions.best - state.capped(team.first.lower)
            if (
                not team.downward
                and elapsed > tuning.DOWNWARD_SHARE * state.time_limit
                and 0 < gap < tuning.HANDOVER_GAP
            ):
                team.start_downward(round(solutions.best))
            if elapsed > tuning.HANDOVER_SHARE * state.time_limit and gap >= tuning.HANDOVER_GAP:
                team.handed_over = True
                stop = True
        if stop:
            solver.stop_search()
            return
        if finished.is_set():
            return
