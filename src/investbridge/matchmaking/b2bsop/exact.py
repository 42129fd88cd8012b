"""The exact CP-SAT model of the B2BSOP (every fair schedule) and phase 4 of `solve_b2b`, which runs it for
the rest of the time, started from the best schedule found before."""

from __future__ import annotations

import math
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from investbridge.matchmaking.scheduler.model import Status

from .instance import B2BInstance, B2BResult
from .state import SolveState


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.best_time: float | None = None

    def on_solution_callback(self) -> None:
        self.best_time = time.monotonic() - self.started


class ExactModel:
    """x[m, t] Booleans (meeting m in slot t); per participant the span [first, last] of its meetings and
    the break count from the starts of runs of busy slots."""

    def __init__(
        self,
        instance: B2BInstance,
        domains: list[list[int]],
        *,
        fairness: int | None,
    ):
        self.instance = instance
        self.domains = domains
        model = self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        mine: dict[int, list[int]] = defaultdict(list)
        for m, (a, b, _) in enumerate(instance.meetings):
            mine[a].append(m)
            mine[b].append(m)
            row = []
            for t in domains[m]:
                var = model.new_bool_var(f"x{m}_{t}")
                self.x[m, t] = var
                row.append(var)
                per_slot[t].append(var)
                person_slot[a, t].append(var)
                person_slot[b, t].append(var)
            model.add_exactly_one(row)
        for vars_ in per_slot.values():
            if len(vars_) > instance.n_tables:
                model.add(sum(vars_) <= instance.n_tables)
        for vars_ in person_slot.values():
            if len(vars_) > 1:
                model.add_at_most_one(vars_)
        self.position = []
        for m in range(len(instance.meetings)):
            pos = model.new_int_var_from_domain(cp_model.Domain.from_values(domains[m]), f"pos{m}")
            model.add(pos == sum(t * self.x[m, t] for t in domains[m]))
            self.position.append(pos)
        for m, preds in enumerate(instance.predecessors):
            for pred in preds:
                model.add(self.position[pred - 1] + 1 <= self.position[m])

        self.breaks: list[cp_model.LinearExprT] = []
        self.starts: list[cp_model.IntVar] = []
        offset = 0
        for p in range(1, instance.n_business + 1):
            ms = mine[p]
            if len(ms) < 2:
                self.breaks.append(0)
                continue
            slots = sorted(t for t in range(1, instance.n_slots + 1) if person_slot.get((p, t)))
            lo, hi = slots[0], slots[-1]
            first = model.new_int_var(lo, hi, f"first{p}")
            last = model.new_int_var(lo, hi, f"last{p}")
            model.add_min_equality(first, [self.position[m] for m in ms])
            model.add_max_equality(last, [self.position[m] for m in ms])
            idle = last - first + 1 - len(ms)
            busy = {t: sum(person_slot[p, t]) for t in slots}
            starts = []
            for t in slots:
                v = model.new_bool_var(f"s{p}_{t}")
                starts.append(v)
                model.add(v <= busy[t])
                if t - 1 in busy:
                    model.add(v >= busy[t] - busy[t - 1])
                    model.add(v <= 1 - busy[t - 1])
                else:
                    model.add(v == busy[t])
            self.starts.extend(starts)
            offset += 1
            count = model.new_int_var(0, len(ms) - 1, f"b{p}")
            model.add(count == sum(starts) - 1)
            # Redundant: there are idle slots in the span exactly when there is a break.
            model.add(idle >= count)
            model.add(idle <= (hi - lo) * count)
            self.breaks.append(count)
        if fairness is not None:
            counts = [b for b in self.breaks if not isinstance(b, int)]
            if len(counts) == len(self.breaks):  # nobody with fewer than two meetings
                lowest = model.new_int_var(0, instance.n_slots, "min_breaks")
                for term in counts:
                    model.add(lowest <= term)
                    model.add(term <= lowest + fairness)
            else:  # somebody has no break at all, so nobody may have more than d
                for term in counts:
                    model.add(term <= fairness)
        # The objective counts Booleans (run starts): breaks = starts - participants with 2+ meetings.
        self.objective = sum(self.starts) - offset
        model.minimize(self.objective)

    def hint(self, slots: tuple[int, ...]) -> None:
        for (m, t), var in self.x.items():
            self.model.add_hint(var, slots[m] == t)

    def slots(self, solver: cp_model.CpSolver) -> tuple[int, ...]:
        return tuple(
            next(t for t in self.domains[m] if solver.boolean_value(self.x[m, t]))
            for m in range(len(self.domains))
        )


def exact_phase(state: SolveState) -> B2BResult:
    """Phase 4: the exact model for the rest of the time, at least the proven lower bound, started from the hint;
    returns the better of its schedule and the best one found before."""
    assert state.domains is not None
    exact = ExactModel(state.instance, state.domains, fairness=state.fairness)
    if state.lower:
        exact.model.add(exact.objective >= state.lower)
    if state.hint is not None:
        exact.hint(state.hint)
    solver = cp_model.CpSolver()
    state.configure(solver, state.time_limit - state.elapsed(), portfolio=True)
    progress = _Progress(state.started)
    code = solver.solve(exact.model, progress)
    if code == cp_model.INFEASIBLE:
        return state.no_schedule(Status.INFEASIBLE)
    bound = max(state.lower, math.ceil(solver.best_objective_bound - 1e-6))
    chosen, chosen_time = state.best, state.best_time
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        candidate = exact.slots(solver)
        if chosen is None or state.breaks(candidate) < state.breaks(chosen):
            chosen, chosen_time = candidate, progress.best_time
    if chosen is None:
        return state.no_schedule(Status.UNKNOWN, bound)
    return state.result(
        Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE, chosen, bound, chosen_time
    )
