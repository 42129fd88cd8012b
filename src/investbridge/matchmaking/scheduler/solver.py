"""The scheduler: a greedy construction, then CP-SAT improvement from that hint, within a time limit."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .construct import Order, construct
from .model import Assignment, Instance, Objective, Result, Status
from .prepared import Prepared, evaluate, prepare, to_assignments

DETERMINISTIC_SHARE = 0.6


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 60.0  # seconds, wall clock, for the whole call
    workers: int = 2
    seed: int = 0
    #: Interleaved search with a deterministic-time limit of 60% of the remaining time: the same inputs and
    #: seed give the same schedule, as long as that limit is reached before the wall-clock one (the usual case
    #: unless the machine is heavily loaded).
    deterministic: bool = True
    improve: bool = True  # False: return the greedy construction only


def upper_bound_by_capacity(prep: Prepared) -> int:
    """Total priority that could possibly be scheduled, ignoring every interaction except capacities.

    Meetings without any possible slot are dropped; meetings needing an interpreter compete for the
    interpreter-slots (at most min(free interpreters, rooms) per slot), so only the best of them count.
    """
    possible = [k for k in range(len(prep.sides)) if prep.candidates[k]]
    plain = sum(prep.priority[k] for k in possible if not prep.needs_interpreter[k])
    needing = sorted((prep.priority[k] for k in possible if prep.needs_interpreter[k]), reverse=True)
    capacity = 0
    n_interpreters = len(prep.interpreter_free)
    for t in range(prep.n_slots):
        free = sum(1 for i in range(n_interpreters) if t in prep.interpreter_free[i])
        capacity += min(free, prep.instance.rooms)
    return plain + sum(needing[:capacity])


def _valid_construction(prep: Prepared, slot_of: dict[int, int]) -> bool:
    return all(
        k in slot_of
        for k, m in enumerate(prep.instance.meetings)
        if m.fixed_slot is not None or k in prep.locked
    )


def solve(
    instance: Instance,
    *,
    options: SolveOptions | None = None,
    locked: Sequence[Assignment] = (),
    request_order: Sequence[int] | None = None,
) -> Result:
    """Schedule `instance`; `locked` assignments (e.g. confirmed meetings) are kept exactly as they are.

    Always returns within about `options.time_limit` seconds with a valid schedule (the greedy one at
    worst), unless the fixed or locked meetings themselves cannot be held together.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    prep = prepare(instance, tuple(locked))
    slot_of, interpreter_of = construct(prep, order=Order.PRIORITY, request_order=request_order)
    greedy_ok = _valid_construction(prep, slot_of)
    construction = evaluate(prep, slot_of) if greedy_ok else None
    capacity_bound = upper_bound_by_capacity(prep)
    if not options.improve:
        status = Status.FEASIBLE if greedy_ok else Status.UNKNOWN
        return _result(prep, status, slot_of, interpreter_of, capacity_bound, started, construction)

    model = _Model(prep, hint=(slot_of, interpreter_of) if greedy_ok else None)
    solver = cp_model.CpSolver()
    remaining = max(0.1, options.time_limit - (time.monotonic() - started) - 0.05)
    params = solver.parameters
    params.max_time_in_seconds = remaining
    params.num_workers = max(1, options.workers)
    params.random_seed = options.seed
    if options.deterministic:
        params.interleave_search = True
        params.max_deterministic_time = remaining * DETERMINISTIC_SHARE
    code = solver.solve(model.cp)
    bound = capacity_bound
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = min(bound, math.ceil(solver.best_objective_bound / model.w_priority))
        cp_slot_of, cp_interp = model.decode(solver)
        if not greedy_ok or _better(evaluate(prep, cp_slot_of), evaluate(prep, slot_of)):
            slot_of, interpreter_of = cp_slot_of, cp_interp
        status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
    elif code == cp_model.INFEASIBLE:
        return _result(prep, Status.INFEASIBLE, {}, {}, 0, started, construction)
    else:
        status = Status.FEASIBLE if greedy_ok else Status.UNKNOWN
    return _result(prep, status, slot_of, interpreter_of, bound, started, construction)


def _better(a: Objective, b: Objective) -> bool:
    return (a.priority, -a.breaks, -a.max_breaks) >= (b.priority, -b.breaks, -b.max_breaks)


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


class _Model:
    """CP-SAT model: x[k, t] (meeting k in slot t), interpreter counts per (type, slot, interpreter), breaks."""

    def __init__(self, prep: Prepared, hint: tuple[dict[int, int], dict[int, int]] | None) -> None:
        self.prep = prep
        cp = self.cp = cp_model.CpModel()
        n_meetings = len(prep.sides)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        by_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        scheduled = []
        for k in range(n_meetings):
            row = []
            for t in prep.candidates[k]:
                var = cp.new_bool_var(f"x{k}_{t}")
                self.x[k, t] = var
                row.append(var)
                by_slot[t].append(var)
                for p in prep.sides[k]:
                    by_person_slot[p, t].append(var)
            must = prep.instance.meetings[k].fixed_slot is not None or k in prep.locked
            if must:
                cp.add(sum(row) == 1)
            elif row:
                cp.add(sum(row) <= 1)
            scheduled.append((prep.priority[k], row))
        for vars_ in by_slot.values():
            if len(vars_) > prep.instance.rooms:
                cp.add(sum(vars_) <= prep.instance.rooms)
        for vars_ in by_person_slot.values():
            if len(vars_) > 1:
                cp.add_at_most_one(vars_)

        # Interpreters: meetings of the same type (same eligible interpreters) are interchangeable.
        self.groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        pinned: set[tuple[int, int]] = set()
        interpreter_pos = {t.id: i for i, t in enumerate(prep.instance.interpreters)}
        for k in range(n_meetings):
            if not prep.needs_interpreter[k]:
                continue
            if k in prep.locked:
                who = prep.locked[k].interpreter
                if who is not None:
                    pinned.add((prep.candidates[k][0], interpreter_pos[who]))
                    continue
            self.groups[tuple(prep.eligible[k])].append(k)
        self.z: dict[tuple[tuple[int, ...], int, int], cp_model.IntVar] = {}
        load: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        for g, members in self.groups.items():
            for t in range(prep.n_slots):
                demand = [self.x[k, t] for k in members if (k, t) in self.x]
                if not demand:
                    continue
                supply = []
                for i in g:
                    if t in prep.interpreter_free[i] and (t, i) not in pinned:
                        var = cp.new_bool_var(f"z{t}_{i}")
                        self.z[g, t, i] = var
                        supply.append(var)
                        load[t, i].append(var)
                cp.add(sum(supply) == sum(demand))
        for vars_ in load.values():
            if len(vars_) > 1:
                cp.add_at_most_one(vars_)

        # Breaks: a run of busy slots starts at t when busy(t) and not busy(t-1) on the same local day;
        # breaks of a participant = starts - days with a meeting.
        self.starts: dict[tuple[int, int], cp_model.IntVar] = {}
        self.used_day: dict[tuple[int, int], cp_model.IntVar] = {}
        breaks_terms = []
        max_degree = max((len(m) for m in prep.meetings_of), default=0)
        self.max_breaks = cp.new_int_var(0, max_degree, "max_breaks")
        for p, ks in enumerate(prep.meetings_of):
            if len(ks) < 2:
                continue
            slots = sorted({t for k in ks for t in prep.candidates[k]})
            day = prep.day[p]
            busy = {t: sum(by_person_slot[p, t]) for t in slots}
            start_vars, day_vars = [], []
            days: dict[int, list[int]] = defaultdict(list)
            for t in slots:
                days[day[t]].append(t)
                s = cp.new_bool_var(f"s{p}_{t}")
                self.starts[p, t] = s
                start_vars.append(s)
                if t - 1 in busy and day[t - 1] == day[t]:
                    cp.add(s >= busy[t] - busy[t - 1])
                else:
                    cp.add(s >= busy[t])
            for d, ts in days.items():
                u = cp.new_bool_var(f"u{p}_{d}")
                self.used_day[p, d] = u
                day_vars.append(u)
                cp.add(u <= sum(busy[t] for t in ts))
            expr = sum(start_vars) - sum(day_vars)
            breaks_terms.append(expr)
            cp.add(self.max_breaks >= expr)
        total_breaks = sum(breaks_terms)
        max_total_breaks = sum(max(0, len(ks) - 1) for ks in prep.meetings_of)
        self.w_breaks = max_degree + 1
        self.w_priority = max_total_breaks * self.w_breaks + max_degree + 1
        priority = sum(w * v for w, row in scheduled for v in row)
        cp.maximize(self.w_priority * priority - self.w_breaks * total_breaks - self.max_breaks)
        if hint is not None:
            self._hint(*hint)

    def _hint(self, slot_of: dict[int, int], interpreter_of: dict[int, int]) -> None:
        cp, prep = self.cp, self.prep
        for (k, t), var in self.x.items():
            cp.add_hint(var, slot_of.get(k) == t)
        used = {(slot_of[k], interpreter_of[k], tuple(prep.eligible[k])) for k in interpreter_of}
        for (g, t, i), var in self.z.items():
            cp.add_hint(var, (t, i, g) in used)
        busy: dict[int, set[int]] = defaultdict(set)
        for k, t in slot_of.items():
            for p in prep.sides[k]:
                busy[p].add(t)
        for (p, t), var in self.starts.items():
            day = prep.day[p]
            cp.add_hint(var, t in busy[p] and not (t - 1 in busy[p] and day[t - 1] == day[t]))
        for (p, d), var in self.used_day.items():
            cp.add_hint(var, any(prep.day[p][t] == d for t in busy[p]))

    def decode(self, solver: cp_model.CpSolver) -> tuple[dict[int, int], dict[int, int]]:
        prep = self.prep
        slot_of = {k: t for (k, t), var in self.x.items() if solver.boolean_value(var)}
        interpreter_of: dict[int, int] = {}
        interpreter_pos = {t.id: i for i, t in enumerate(prep.instance.interpreters)}
        for k, a in prep.locked.items():
            if a.interpreter is not None:
                interpreter_of[k] = interpreter_pos[a.interpreter]
        for g, members in self.groups.items():
            by_slot: dict[int, list[int]] = defaultdict(list)
            for k in members:
                if k in slot_of:
                    by_slot[slot_of[k]].append(k)
            for t, ks in by_slot.items():
                chosen = [i for i in g if (g, t, i) in self.z and solver.boolean_value(self.z[g, t, i])]
                interpreter_of.update(zip(ks, chosen, strict=True))
        return slot_of, interpreter_of


def baseline_fcfs(instance: Instance, *, request_order: Sequence[int] | None = None) -> Result:
    """The first-come-first-served baseline: each request, in order, takes the earliest free slot."""
    started = time.monotonic()
    prep = prepare(instance)
    slot_of, interpreter_of = construct(prep, order=Order.FCFS, request_order=request_order)
    status = Status.FEASIBLE if _valid_construction(prep, slot_of) else Status.UNKNOWN
    return _result(prep, status, slot_of, interpreter_of, upper_bound_by_capacity(prep), started, None)
