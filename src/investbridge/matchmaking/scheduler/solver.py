"""The product's scheduler: a greedy construction, then CP-SAT improvement from that hint, within a time limit.

The strategies, one module each: `construct` (greedy), `bounds` (upper bounds on priority), `cpsat` (the CP-SAT
model of the whole event or of a neighbourhood), `neighbourhood` (large-neighbourhood search for large events),
`progress` (reports while it works). `solve` below combines them; the tuned constants are in `tuning`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from ortools.sat.python import cp_model

from . import tuning
from .bounds import upper_bound
from .construct import Order, construct
from .cpsat import MeetingModel, configure
from .model import Assignment, Instance, Objective, Phase, Result, SolveOptions, Status
from .neighbourhood import neighbourhood_search
from .prepared import Prepared, evaluate, not_worse, prepare, to_assignments
from .progress import ProgressCallback, Reporter, solve_reporting


def solve(
    instance: Instance,
    *,
    options: SolveOptions | None = None,
    locked: Sequence[Assignment] = (),
    request_order: Sequence[int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """Schedule `instance`; `locked` assignments (e.g. confirmed meetings) are kept exactly as they are.

    Always returns within about `options.time_limit` seconds with a valid schedule (the greedy one at
    worst), unless the fixed or locked meetings themselves cannot be held together. Instances with more than
    `tuning.FULL_MODEL_LIMIT` meeting-slot pairs are improved by large-neighbourhood search (CP-SAT on the
    meetings of a few participants at a time, everything else fixed) instead of one model of the whole event.

    `on_progress`, when given, is called in the caller's thread with a `Progress` after the construction, at
    every improving schedule, about every `tuning.HEARTBEAT_SECONDS` while CP-SAT searches, and at the end.
    With it, CP-SAT runs in a helper thread and reports its solutions through a `CpSolverSolutionCallback`;
    the schedule found is the same as without it.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    deadline = started + options.time_limit
    prep = prepare(instance, tuple(locked))
    reporter = Reporter(on_progress, started=started, time_limit=options.time_limit, meetings=len(prep.sides))

    def done(status: Status, slot_of: dict[int, int], interpreter_of: dict[int, int], bound: int) -> Result:
        return reporter.finish(_result(prep, status, slot_of, interpreter_of, bound, started, construction))

    # 1. Greedy construction and the bound on priority.
    slot_of, interpreter_of = construct(prep, order=Order.PRIORITY, request_order=request_order)
    greedy_ok = _valid_construction(prep, slot_of)
    construction = evaluate(prep, slot_of) if greedy_ok else None
    bound = upper_bound(prep)
    reporter.report(Phase.CONSTRUCTION, construction, bound)
    if not options.improve:
        return done(Status.FEASIBLE if greedy_ok else Status.UNKNOWN, slot_of, interpreter_of, bound)
    # 2a. Large events: neighbourhoods of the greedy schedule until the time limit.
    if sum(len(c) for c in prep.candidates) > tuning.FULL_MODEL_LIMIT and greedy_ok:
        slot_of, interpreter_of = neighbourhood_search(
            prep, slot_of, interpreter_of, options, deadline, reporter
        )
        return done(Status.FEASIBLE, slot_of, interpreter_of, bound)
    # 2b. Otherwise one CP-SAT model of the whole event, from the greedy schedule; the better one is kept.
    model = MeetingModel(prep, hint=(slot_of, interpreter_of) if greedy_ok else None)
    solver = cp_model.CpSolver()
    seconds = (deadline - time.monotonic()) * tuning.CP_SAT_TIME_SHARE - tuning.DECODE_SECONDS
    configure(solver, options, max(tuning.MIN_CP_SAT_SECONDS, seconds))
    code = solver.solve(model.cp) if on_progress is None else solve_reporting(solver, model, reporter)
    if code == cp_model.INFEASIBLE:
        return reporter.finish(_result(prep, Status.INFEASIBLE, {}, {}, 0, started, construction))
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return done(Status.FEASIBLE if greedy_ok else Status.UNKNOWN, slot_of, interpreter_of, bound)
    bound = min(bound, math.ceil(solver.best_objective_bound / model.w_priority))
    cp_slot_of, cp_interpreter_of = model.decode(solver)
    if not greedy_ok or not_worse(evaluate(prep, cp_slot_of), evaluate(prep, slot_of)):
        slot_of, interpreter_of = cp_slot_of, cp_interpreter_of
    return done(
        Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE, slot_of, interpreter_of, bound
    )


def baseline_fcfs(instance: Instance, *, request_order: Sequence[int] | None = None) -> Result:
    """The first-come-first-served baseline: each request, in order, takes the earliest free slot."""
    started = time.monotonic()
    prep = prepare(instance)
    slot_of, interpreter_of = construct(prep, order=Order.FCFS, request_order=request_order)
    status = Status.FEASIBLE if _valid_construction(prep, slot_of) else Status.UNKNOWN
    return _result(prep, status, slot_of, interpreter_of, upper_bound(prep), started, None)


def _valid_construction(prep: Prepared, slot_of: dict[int, int]) -> bool:
    """Whether the greedy schedule holds every fixed and locked meeting (else it is no schedule)."""
    return all(
        k in slot_of
        for k, m in enumerate(prep.instance.meetings)
        if m.fixed_slot is not None or k in prep.locked
    )


def _result(
    prep: Prepared,
    status: Status,
    slot_of: dict[int, int],
    interpreter_of: dict[int, int],
    bound: int,
    started: float,
    construction: Objective | None,
) -> Result:
    meetings = prep.instance.meetings
    objective = evaluate(prep, slot_of)
    return Result(
        status=status,
        assignments=to_assignments(prep, slot_of, interpreter_of) if status != Status.INFEASIBLE else (),
        unscheduled=tuple(m.id for k, m in enumerate(meetings) if k not in slot_of),
        objective=objective,
        upper_bound_priority=max(bound, objective.priority) if status != Status.INFEASIBLE else 0,
        seconds=time.monotonic() - started,
        construction=construction,
    )
