"""The scheduler: a greedy construction, then CP-SAT improvement from that hint, within a time limit."""

from __future__ import annotations

import math
import queue
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from .construct import Order, construct
from .model import Assignment, Instance, Objective, Phase, Progress, Result, Status
from .prepared import Prepared, evaluate, participant_breaks, prepare, to_assignments

DETERMINISTIC_SHARE = 0.6
#: Above this many (meeting, possible slot) pairs the solver improves by neighbourhoods instead of one model.
FULL_MODEL_LIMIT = 20_000
NEIGHBOURHOOD_MEETINGS = 60
NEIGHBOURHOOD_SECONDS = 2.0
#: While CP-SAT searches with a progress callback, a report is made at least this often (seconds).
HEARTBEAT_SECONDS = 0.5

ProgressCallback = Callable[[Progress], None]


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


def upper_bound_by_flow(prep: Prepared) -> int:
    """A max-weight flow relaxation: meetings to slots, at most R per slot and, for meetings needing an
    interpreter, at most the number of interpreters free in the slot. It ignores that a participant can only
    be in one meeting per slot and which interpreter speaks what, so it never underestimates the optimum.
    """
    n_meetings, n_slots = len(prep.sides), prep.n_slots
    source, sink = 0, 1
    meeting_node = 2
    slot_node = meeting_node + n_meetings
    interp_node = slot_node + n_slots
    flow = min_cost_flow.SimpleMinCostFlow()
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, cap: int, cost: int = 0) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)

    usable = [k for k in range(n_meetings) if prep.candidates[k]]
    arc(source, sink, len(usable))  # leaving a meeting unscheduled costs nothing
    for k in usable:
        arc(source, meeting_node + k, 1, -prep.priority[k])
        for t in prep.candidates[k]:
            arc(meeting_node + k, (interp_node if prep.needs_interpreter[k] else slot_node) + t, 1)
    needed = {i for k in usable for i in prep.eligible[k]}
    for t in range(n_slots):
        arc(slot_node + t, sink, prep.instance.rooms)
        free = sum(1 for i in needed if t in prep.interpreter_free[i])
        arc(interp_node + t, slot_node + t, free)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, len(usable))
    flow.set_node_supply(sink, -len(usable))
    if flow.solve() != flow.OPTIMAL:  # cannot happen: the bypass arc makes it feasible
        return upper_bound_by_capacity(prep)
    return -flow.optimal_cost()


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
    on_progress: ProgressCallback | None = None,
) -> Result:
    """Schedule `instance`; `locked` assignments (e.g. confirmed meetings) are kept exactly as they are.

    Always returns within about `options.time_limit` seconds with a valid schedule (the greedy one at
    worst), unless the fixed or locked meetings themselves cannot be held together. Instances with more than
    `FULL_MODEL_LIMIT` meeting-slot pairs are improved by large-neighbourhood search (CP-SAT on the meetings
    of a few participants at a time, everything else fixed) instead of one model of the whole event.

    `on_progress`, when given, is called in the caller's thread with a `Progress` after the construction, at
    every improving schedule, about every `HEARTBEAT_SECONDS` while CP-SAT searches, and at the end. With it,
    CP-SAT runs in a helper thread and reports its solutions through a `CpSolverSolutionCallback`; the
    schedule found is the same as without it.
    """
    options = options or SolveOptions()
    started = time.monotonic()
    deadline = started + options.time_limit
    prep = prepare(instance, tuple(locked))
    reporter = _Reporter(
        on_progress, started=started, time_limit=options.time_limit, meetings=len(prep.sides)
    )
    slot_of, interpreter_of = construct(prep, order=Order.PRIORITY, request_order=request_order)
    greedy_ok = _valid_construction(prep, slot_of)
    construction = evaluate(prep, slot_of) if greedy_ok else None
    bound = min(upper_bound_by_capacity(prep), upper_bound_by_flow(prep))
    reporter.report(Phase.CONSTRUCTION, construction, bound)
    if not options.improve:
        status = Status.FEASIBLE if greedy_ok else Status.UNKNOWN
        return reporter.finish(_result(prep, status, slot_of, interpreter_of, bound, started, construction))
    size = sum(len(c) for c in prep.candidates)
    if size > FULL_MODEL_LIMIT and greedy_ok:
        slot_of, interpreter_of = _neighbourhood_search(
            prep, slot_of, interpreter_of, options, deadline, reporter
        )
        return reporter.finish(
            _result(prep, Status.FEASIBLE, slot_of, interpreter_of, bound, started, construction)
        )

    model = _Model(prep, hint=(slot_of, interpreter_of) if greedy_ok else None)
    solver = cp_model.CpSolver()
    # CP-SAT may overrun its limit a little in presolve on big models: keep a margin for decoding.
    _configure(solver, options, max(0.1, (deadline - time.monotonic()) * 0.9 - 0.1))
    code = solver.solve(model.cp) if on_progress is None else _solve_reporting(solver, model, reporter)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = min(bound, math.ceil(solver.best_objective_bound / model.w_priority))
        cp_slot_of, cp_interp = model.decode(solver)
        if not greedy_ok or _better(evaluate(prep, cp_slot_of), evaluate(prep, slot_of)):
            slot_of, interpreter_of = cp_slot_of, cp_interp
        status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
    elif code == cp_model.INFEASIBLE:
        return reporter.finish(_result(prep, Status.INFEASIBLE, {}, {}, 0, started, construction))
    else:
        status = Status.FEASIBLE if greedy_ok else Status.UNKNOWN
    return reporter.finish(_result(prep, status, slot_of, interpreter_of, bound, started, construction))


def _key(objective: Objective) -> tuple[int, int, int]:
    return (objective.priority, -objective.breaks, -objective.max_breaks)


class _Reporter:
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
        if candidate is not None and (self.best is None or _key(candidate) > _key(self.best)):
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

    def __init__(self, model: _Model, events: queue.SimpleQueue[Any]) -> None:
        super().__init__()
        self.model = model
        self.events = events

    def on_solution_callback(self) -> None:
        slot_of = {k: t for (k, t), var in self.model.x.items() if self.boolean_value(var)}
        bound = math.ceil(self.best_objective_bound / self.model.w_priority)
        self.events.put((slot_of, bound))


_FINISHED = object()


def _solve_reporting(solver: cp_model.CpSolver, model: _Model, reporter: _Reporter) -> Any:
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
            event = events.get(timeout=HEARTBEAT_SECONDS)
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


def _configure(solver: cp_model.CpSolver, options: SolveOptions, seconds: float) -> None:
    params = solver.parameters
    params.max_time_in_seconds = seconds
    params.num_workers = max(1, options.workers)
    params.random_seed = options.seed
    if options.deterministic:
        params.interleave_search = True
        params.max_deterministic_time = seconds * DETERMINISTIC_SHARE


def _neighbourhood_search(
    prep: Prepared,
    slot_of: dict[int, int],
    interpreter_of: dict[int, int],
    options: SolveOptions,
    deadline: float,
    reporter: _Reporter,
) -> tuple[dict[int, int], dict[int, int]]:
    """Improve a valid placement: free the meetings of a few participants (those with breaks or unscheduled
    meetings first), re-solve them with CP-SAT around everything else, keep the result when it is not worse."""
    rng = random.Random(options.seed)
    current = evaluate(prep, slot_of)
    n_people = len(prep.meetings_of)
    while deadline - time.monotonic() > NEIGHBOURHOOD_SECONDS / 2:
        busy: list[list[int]] = [[] for _ in range(n_people)]
        for k, t in slot_of.items():
            for p in prep.sides[k]:
                busy[p].append(t)
        troubled = [
            p
            for p in range(n_people)
            if participant_breaks(prep, p, sorted(busy[p])) > 0
            or any(k not in slot_of and prep.candidates[k] for k in prep.meetings_of[p])
        ]
        seeds = troubled if troubled and rng.random() < 0.8 else list(range(n_people))
        free: set[int] = set()
        frontier = [rng.choice(seeds)]
        seen: set[int] = set()
        while frontier and len(free) < NEIGHBOURHOOD_MEETINGS:
            p = frontier.pop(rng.randrange(len(frontier)))
            if p in seen:
                continue
            seen.add(p)
            for k in prep.meetings_of[p]:
                if k not in prep.locked:
                    free.add(k)
                    frontier.extend(q for q in prep.sides[k] if q not in seen)
        if not free:
            break
        model = _Model(prep, hint=(slot_of, interpreter_of), free=free, base=(slot_of, interpreter_of))
        solver = cp_model.CpSolver()
        _configure(solver, options, max(0.05, min(NEIGHBOURHOOD_SECONDS, deadline - time.monotonic() - 0.05)))
        code = solver.solve(model.cp)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            new_slot_of, new_interp = model.decode(solver)
            candidate = evaluate(prep, new_slot_of)
            if _better(candidate, current):
                slot_of, interpreter_of, current = new_slot_of, new_interp, candidate
        reporter.report(Phase.SEARCH, current)  # after every round: improving or a heartbeat
    return slot_of, interpreter_of


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
    """CP-SAT model: x[k, t] (meeting k in slot t), interpreter counts per (type, slot, interpreter), breaks.

    With `free` and `base`, only the meetings in `free` are decided; every other meeting stays where `base`
    put it (its participants, room and interpreter are taken in that slot) — a neighbourhood of `base`.
    """

    def __init__(
        self,
        prep: Prepared,
        hint: tuple[dict[int, int], dict[int, int]] | None,
        free: set[int] | None = None,
        base: tuple[dict[int, int], dict[int, int]] | None = None,
    ) -> None:
        self.prep = prep
        cp = self.cp = cp_model.CpModel()
        n_meetings = len(prep.sides)
        self.free = set(range(n_meetings)) if free is None else free
        self.base_slot_of, self.base_interp = base if base is not None else ({}, {})
        # What the fixed (non-free) meetings already take.
        taken_person: set[tuple[int, int]] = set()
        taken_rooms = [0] * prep.n_slots
        pinned: set[tuple[int, int]] = set()  # (slot, interpreter) already serving a fixed meeting
        interpreter_pos = {t.id: i for i, t in enumerate(prep.instance.interpreters)}
        for k in range(n_meetings):
            if k in self.free:
                who = prep.locked[k].interpreter if k in prep.locked else None
                if who is not None:
                    pinned.add((prep.candidates[k][0], interpreter_pos[who]))
                continue
            if k in self.base_slot_of:
                t = self.base_slot_of[k]
                taken_rooms[t] += 1
                for p in prep.sides[k]:
                    taken_person.add((p, t))
                if k in self.base_interp:
                    pinned.add((t, self.base_interp[k]))
        taken_by: dict[int, set[int]] = defaultdict(set)
        for p, t in taken_person:
            taken_by[p].add(t)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        by_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        scheduled = []
        for k in sorted(self.free):
            row = []
            for t in prep.candidates[k]:
                if taken_rooms[t] >= prep.instance.rooms or any(
                    (p, t) in taken_person for p in prep.sides[k]
                ):
                    continue
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
        for t, vars_ in by_slot.items():
            if len(vars_) > prep.instance.rooms - taken_rooms[t]:
                cp.add(sum(vars_) <= prep.instance.rooms - taken_rooms[t])
        for vars_ in by_person_slot.values():
            if len(vars_) > 1:
                cp.add_at_most_one(vars_)

        # Interpreters: meetings of the same type (same eligible interpreters) are interchangeable.
        self.groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for k in sorted(self.free):
            if not prep.needs_interpreter[k]:
                continue
            if k in prep.locked and prep.locked[k].interpreter is not None:
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
        # breaks of a participant = starts - days with a meeting. Fixed meetings count as constants.
        self.starts: dict[tuple[int, int], cp_model.IntVar] = {}
        self.used_day: dict[tuple[int, int], cp_model.IntVar] = {}
        breaks_terms = []
        touched = sorted({p for k in self.free for p in prep.sides[k]})
        max_degree = max((len(prep.meetings_of[p]) for p in touched), default=0)
        self.max_breaks = cp.new_int_var(0, max_degree, "max_breaks")
        for p in touched:
            ks = prep.meetings_of[p]
            if len(ks) < 2:
                continue
            fixed_busy = taken_by.get(p, set())
            slots = sorted({t for k in ks if k in self.free for t in prep.candidates[k]} | fixed_busy)
            day = prep.day[p]
            busy = {t: sum(by_person_slot.get((p, t), [])) + (1 if t in fixed_busy else 0) for t in slots}
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
        max_total_breaks = sum(max(0, len(prep.meetings_of[p]) - 1) for p in touched)
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
        used = {
            (slot_of[k], interpreter_of[k], tuple(prep.eligible[k])) for k in interpreter_of if k in self.free
        }
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
        slot_of = {k: t for k, t in self.base_slot_of.items() if k not in self.free}
        interpreter_of = {k: i for k, i in self.base_interp.items() if k not in self.free}
        slot_of.update({k: t for (k, t), var in self.x.items() if solver.boolean_value(var)})
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
    bound = min(upper_bound_by_capacity(prep), upper_bound_by_flow(prep))
    return _result(prep, status, slot_of, interpreter_of, bound, started, None)
