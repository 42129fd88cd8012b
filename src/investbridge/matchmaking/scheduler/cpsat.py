"""The CP-SAT model of the product's scheduler (a whole event, or a neighbourhood of a schedule)."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from . import tuning
from .model import SolveOptions
from .prepared import Prepared


def configure(solver: cp_model.CpSolver, options: SolveOptions, seconds: float) -> None:
    """Time limit, workers and seed; with `options.deterministic`, interleaved search under a deterministic-time
    limit of DETERMINISTIC_SHARE of the time limit."""
    params = solver.parameters
    params.max_time_in_seconds = seconds
    params.num_workers = max(1, options.workers)
    params.random_seed = options.seed
    if options.deterministic:
        params.interleave_search = True
        params.max_deterministic_time = seconds * tuning.DETERMINISTIC_SHARE


class MeetingModel:
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
