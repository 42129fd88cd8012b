"""The B2B Scheduling Optimization Problem (B2BSOP) of Bofill et al., JAIR 74 (2022), as published.

Participants 1..n, consecutive slots 1..T (1..nMorningSlots are the morning session), every requested
meeting gets exactly one slot (in its session: 1 morning, 2 afternoon, 3 either), a participant has at most
one meeting per slot and never one in a forbidden slot, at most nTables meetings per slot, fixed meetings
are in their slot, a meeting's predecessors are in earlier slots. A break is one run of idle slots between
two consecutive meetings of a participant; the breaks of any two participants differ by at most d
(fairness); the objective is to minimise the total number of breaks.

`parse_dzn` reads the MiniZinc data files of the benchmark; `solve_b2b` solves with CP-SAT; `check_b2b`
is an independent checker.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from .errors import InstanceError
from .model import Status

MORNING, AFTERNOON, EITHER = 1, 2, 3


@dataclass(frozen=True)
class B2BInstance:
    n_business: int
    n_tables: int
    n_slots: int
    n_morning: int
    meetings: tuple[tuple[int, int, int], ...]  # (participant, participant, session), 1-based
    forbidden: tuple[frozenset[int], ...]  # per participant, 1-based slots
    fixed: tuple[int | None, ...]  # per meeting, 1-based slot or None
    predecessors: tuple[frozenset[int], ...]  # per meeting, 1-based meetings that must come earlier
    name: str = ""

    def domain(self, m: int) -> list[int]:
        """Slots (1-based) allowed for meeting m (0-based index) by session, forbidden slots and fixing."""
        a, b, session = self.meetings[m]
        slots = range(1, self.n_slots + 1)
        if session == MORNING:
            slots = range(1, self.n_morning + 1)
        elif session == AFTERNOON:
            slots = range(self.n_morning + 1, self.n_slots + 1)
        fixed = self.fixed[m]
        bad = self.forbidden[a - 1] | self.forbidden[b - 1]
        return [t for t in slots if t not in bad and (fixed is None or t == fixed)]


@dataclass(frozen=True)
class B2BResult:
    status: Status
    breaks: int | None  # total breaks of the schedule found (None when there is none)
    lower_bound: int  # proven lower bound on the optimum
    slots: tuple[int, ...]  # slot (1-based) of each meeting, in file order; empty without a schedule
    seconds: float
    time_to_best: float | None = None  # seconds until the returned schedule was found


def find_instances_dir(project_root: Path) -> Path | None:
    """The published instances: $INVESTBRIDGE_B2B_INSTANCES, else ../shared/b2b_instances next to the project
    (or next to the directory holding it, for git worktrees); None when absent. Never copied into the project."""
    candidates = [os.environ.get("INVESTBRIDGE_B2B_INSTANCES")]
    candidates += [str(project_root / ".." / "shared" / "b2b_instances")]
    candidates += [str(project_root / ".." / ".." / "shared" / "b2b_instances")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "MANIFEST.csv").is_file():
            return Path(candidate).resolve()
    return None


# --- parser -----------------------------------------------------------------------------------------

_INT = re.compile(r"-?\d+")


def _parse_set(text: str, element: str) -> frozenset[int]:
    values: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if ".." in part:
            lo, _, hi = part.partition("..")
            try:
                values.update(range(int(lo), int(hi) + 1))
            except ValueError as exc:
                raise InstanceError(element, f"bad range {part!r}") from exc
        elif _INT.fullmatch(part):
            values.add(int(part))
        else:
            raise InstanceError(element, f"bad set element {part!r}")
    return frozenset(values)


def _parse_value(name: str, text: str) -> Any:
    text = text.strip()
    if _INT.fullmatch(text):
        return int(text)
    if text.startswith("[|"):
        if not text.endswith("|]"):
            raise InstanceError(name, "a 2-d array must end with |]")
        rows = list(text[2:-2].split("|"))
        out = []
        for i, row in enumerate(rows):
            cells = [c.strip() for c in row.split(",") if c.strip()]
            if not all(_INT.fullmatch(c) for c in cells):
                raise InstanceError(f"{name} row {i + 1}", f"expected integers, got {row.strip()!r}")
            out.append([int(c) for c in cells])
        return out
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        if "{" in inner:
            sets = re.findall(r"\{([^{}]*)\}", inner)
            rest = re.sub(r"\{[^{}]*\}", "", inner).replace(",", "").strip()
            if rest:
                raise InstanceError(name, f"unexpected text {rest[:20]!r} in an array of sets")
            return [_parse_set(s, f"{name}[{i + 1}]") for i, s in enumerate(sets)]
        cells = [c.strip() for c in inner.split(",") if c.strip()]
        for i, cell in enumerate(cells):
            if not _INT.fullmatch(cell):
                raise InstanceError(f"{name}[{i + 1}]", f"expected an integer, got {cell!r}")
        return [int(c) for c in cells]
    raise InstanceError(name, f"cannot read the value {text[:30]!r}")


KNOWN = {
    "nBusiness",
    "nMeetings",
    "nTables",
    "nTotalSlots",
    "nMorningSlots",
    "requested",
    "meetingsxBusiness",
    "nMeetingsBusiness",
    "forbidden",
    "fixed",
    "precedences",
}


def parse_dzn(text: str, *, name: str = "") -> B2BInstance:
    """Parse a B2BSOP MiniZinc data file; raise `InstanceError` naming the offending element."""
    text = "\n".join(line.split("%", 1)[0] for line in text.splitlines())
    values: dict[str, Any] = {}
    for statement in text.split(";"):
        if not statement.strip():
            continue
        key, sep, value = statement.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise InstanceError(statement.strip()[:30], "expected 'name = value;'")
        if key not in KNOWN:
            raise InstanceError(key, "unknown parameter")
        if key in values:
            raise InstanceError(key, "is given twice")
        values[key] = _parse_value(key, value)
    for key in ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots", "requested"):
        if key not in values:
            raise InstanceError(key, "is missing")
    for key in ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots"):
        if not isinstance(values[key], int) or values[key] < 0:
            raise InstanceError(key, "must be a non-negative integer")
    n_business, n_meetings, n_slots = values["nBusiness"], values["nMeetings"], values["nTotalSlots"]
    n_morning = values["nMorningSlots"]
    if n_morning > n_slots:
        raise InstanceError("nMorningSlots", f"is larger than nTotalSlots ({n_slots})")
    requested = values["requested"]
    if not isinstance(requested, list) or len(requested) != n_meetings:
        raise InstanceError("requested", f"must have nMeetings ({n_meetings}) rows")
    meetings = []
    for i, row in enumerate(requested):
        element = f"requested row {i + 1} (meeting {i + 1})"
        if not isinstance(row, list) or len(row) != 3:
            raise InstanceError(element, "must have three values: participant, participant, session")
        a, b, s = row
        for p in (a, b):
            if not 1 <= p <= n_business:
                raise InstanceError(element, f"participant {p} is not in 1..{n_business}")
        if a == b:
            raise InstanceError(element, f"is between participant {a} and itself")
        if s not in (MORNING, AFTERNOON, EITHER):
            raise InstanceError(element, f"session {s} is not 1, 2 or 3")
        meetings.append((a, b, s))

    def sets(key: str, length: int, upper: int, what: str) -> list[frozenset[int]]:
        raw = values.get(key)
        if raw is None:
            return [frozenset()] * length
        if not isinstance(raw, list) or len(raw) != length or not all(isinstance(x, frozenset) for x in raw):
            raise InstanceError(key, f"must be an array of {length} sets")
        out = []
        for i, found in enumerate(raw):
            found = frozenset(v for v in found if v != 0)  # the files pad sets with a dummy 0
            bad = sorted(v for v in found if not 1 <= v <= upper)
            if bad:
                raise InstanceError(f"{key}[{i + 1}]", f"{what} {bad[0]} is not in 1..{upper}")
            out.append(found)
        return out

    forbidden = sets("forbidden", n_business, n_slots, "slot")
    predecessors = sets("precedences", n_meetings, n_meetings, "meeting")
    for i, preds in enumerate(predecessors):
        if i + 1 in preds:
            raise InstanceError(f"precedences[{i + 1}]", "a meeting cannot precede itself")
    fixed_raw = values.get("fixed", [0] * n_meetings)
    if not isinstance(fixed_raw, list) or len(fixed_raw) != n_meetings:
        raise InstanceError("fixed", f"must be an array of nMeetings ({n_meetings}) integers")
    fixed: list[int | None] = []
    for i, t in enumerate(fixed_raw):
        if not isinstance(t, int) or not 0 <= t <= n_slots:
            raise InstanceError(f"fixed[{i + 1}]", f"slot {t} is not in 0..{n_slots} (0 = not fixed)")
        fixed.append(t or None)
    counts = values.get("nMeetingsBusiness")
    if counts is not None:
        degree = [0] * n_business
        for a, b, _ in meetings:
            degree[a - 1] += 1
            degree[b - 1] += 1
        if counts != degree:
            bad = next(
                (i for i in range(n_business) if i >= len(counts) or counts[i] != degree[i]), len(degree)
            )
            raise InstanceError(
                f"nMeetingsBusiness[{bad + 1}]", "does not match the number of meetings in 'requested'"
            )
    return B2BInstance(
        n_business=n_business,
        n_tables=values["nTables"],
        n_slots=n_slots,
        n_morning=n_morning,
        meetings=tuple(meetings),
        forbidden=tuple(forbidden),
        fixed=tuple(fixed),
        predecessors=tuple(predecessors),
        name=name,
    )


# --- checker ----------------------------------------------------------------------------------------


def b2b_breaks(instance: B2BInstance, slots: tuple[int, ...] | list[int]) -> list[int]:
    """Breaks of each participant (0-based list) for meeting slots `slots` (1-based, file order)."""
    busy: list[list[int]] = [[] for _ in range(instance.n_business)]
    for (a, b, _), t in zip(instance.meetings, slots, strict=True):
        busy[a - 1].append(t)
        busy[b - 1].append(t)
    out = []
    for ts in busy:
        ts.sort()
        out.append(sum(1 for x, y in itertools.pairwise(ts) if y > x + 1))
    return out


def check_b2b(
    instance: B2BInstance, slots: tuple[int, ...] | list[int], *, fairness: int | None = 2
) -> list[str]:
    """Every violated rule of the problem for the given meeting slots (empty list: valid)."""
    problems = []
    if len(slots) != len(instance.meetings):
        return [f"{len(slots)} slots for {len(instance.meetings)} meetings"]
    per_slot: dict[int, int] = defaultdict(int)
    seen: dict[tuple[int, int], int] = {}
    for m, ((a, b, session), t) in enumerate(zip(instance.meetings, slots, strict=True), start=1):
        if not 1 <= t <= instance.n_slots:
            problems.append(f"meeting {m}: slot {t} out of range")
            continue
        if session == MORNING and t > instance.n_morning:
            problems.append(f"meeting {m}: slot {t} is not in the morning")
        if session == AFTERNOON and t <= instance.n_morning:
            problems.append(f"meeting {m}: slot {t} is not in the afternoon")
        if instance.fixed[m - 1] is not None and instance.fixed[m - 1] != t:
            problems.append(f"meeting {m}: fixed in slot {instance.fixed[m - 1]}, not {t}")
        for p in (a, b):
            if t in instance.forbidden[p - 1]:
                problems.append(f"meeting {m}: slot {t} is forbidden for participant {p}")
            if (p, t) in seen:
                problems.append(f"participant {p}: meetings {seen[p, t]} and {m} in slot {t}")
            seen[p, t] = m
        per_slot[t] += 1
        for pred in instance.predecessors[m - 1]:
            if not slots[pred - 1] < t:
                problems.append(f"meeting {pred} must come before meeting {m}")
    for t, count in per_slot.items():
        if count > instance.n_tables:
            problems.append(f"slot {t}: {count} meetings for {instance.n_tables} tables")
    if fairness is not None:
        breaks = b2b_breaks(instance, slots)
        if breaks and max(breaks) - min(breaks) > fairness:
            problems.append(
                f"breaks range from {min(breaks)} to {max(breaks)}, more than d = {fairness} apart"
            )
    return problems


# --- solver -----------------------------------------------------------------------------------------


def _domains(instance: B2BInstance) -> list[list[int]] | None:
    """Allowed slots per meeting, narrowed by the precedence chains (earliest/latest); None if one is empty."""
    domains = [instance.domain(m) for m in range(len(instance.meetings))]
    changed = True
    rounds = 0
    while changed and rounds < len(domains) + 1:
        changed = False
        rounds += 1
        for m, preds in enumerate(instance.predecessors):
            for pred in preds:
                before, after = domains[pred - 1], domains[m]
                if not before or not after:
                    return None
                narrowed_after = [t for t in after if t > before[0]]
                narrowed_before = [t for t in before if t < after[-1]]
                if narrowed_after != after or narrowed_before != before:
                    domains[m], domains[pred - 1] = narrowed_after, narrowed_before
                    changed = True
    if any(not d for d in domains):
        return None
    return domains


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.best_time: float | None = None

    def on_solution_callback(self) -> None:
        self.best_time = time.monotonic() - self.started


class _Model:
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


def _meetings_of(instance: B2BInstance) -> dict[int, list[int]]:
    mine: dict[int, list[int]] = defaultdict(list)
    for m, (a, b, _) in enumerate(instance.meetings):
        mine[a].append(m)
        mine[b].append(m)
    return mine


def _block_model(
    instance: B2BInstance,
    domains: list[list[int]],
    *,
    relaxed: bool = False,
    cap: int | None = None,
    loose: bool = True,
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]] | None:
    """The problem with no break at all: every participant's meetings fill one block of consecutive slots.

    Per participant one Boolean per possible first slot of its block (exactly one is true), and per slot
    "meetings of p here == blocks of p covering this slot". This propagates far better than counting runs
    and settles the instances whose optimum is 0; a zero-break schedule meets every fairness d. None when
    some participant has no room for a block (then the optimum is at least 1).
    """
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    degree: dict[int, int] = defaultdict(int)
    for m, (a, b, _) in enumerate(instance.meetings):
        degree[a] += 1
        degree[b] += 1
        row = []
        for t in domains[m]:
            var = model.new_bool_var(f"x{m}_{t}")
            x[m, t] = var
            row.append(var)
            per_slot[t].append(var)
            person_slot[a, t].append(var)
            person_slot[b, t].append(var)
        model.add_exactly_one(row)
    for vars_ in per_slot.values():
        if len(vars_) > instance.n_tables:
            model.add(sum(vars_) <= instance.n_tables)
    for m, preds in enumerate(instance.predecessors):
        for pred in preds:
            model.add(
                sum(t * x[pred - 1, t] for t in domains[pred - 1]) + 1 <= sum(t * x[m, t] for t in domains[m])
            )
    off: list[cp_model.IntVar] = []
    extras: list[cp_model.IntVar] = []
    # Mirror symmetry: when reversing the slot order maps every domain onto itself (no sessions, forbidden
    # or fixed slots that differ, no precedences), keep the busiest participant's block in the first half.
    mirrored = not any(instance.predecessors) and all(
        sorted(instance.n_slots + 1 - t for t in d) == d for d in domains
    )
    pivot = max(degree, key=lambda q: (degree[q], -q)) if degree else None
    blocks: dict[int, dict[int, cp_model.IntVar]] = {}
    frees: dict[int, cp_model.IntVar | int] = {}
    cover_at: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for p, k in degree.items():
        starts = {
            s: model.new_bool_var(f"y{p}_{s}")
            for s in range(1, instance.n_slots - k + 2)
            if all(person_slot.get((p, t)) for t in range(s, s + k))
        }
        if not starts and not relaxed:
            return None
        blocks[p] = starts
        if mirrored and p == pivot:
            for first, var in starts.items():
                if 2 * first > instance.n_slots - k + 2:
                    model.add(var == 0)
        free: cp_model.IntVar | int = 0
        if relaxed:
            free = model.new_bool_var(f"free{p}")
            off.append(free)
            for t in range(1, instance.n_slots + 1):
                if len(person_slot.get((p, t), [])) > 1:
                    model.add_at_most_one(person_slot[p, t])
        frees[p] = free
        model.add(sum(starts.values()) + free == 1)
        for t in range(1, instance.n_slots + 1):
            cover = [v for s, v in starts.items() if s <= t < s + k]
            cover_at[t].extend(cover)
            here = person_slot.get((p, t), [])
            if relaxed and not loose:  # the plain relaxation: off its block, anything goes
                model.add(sum(here) - sum(cover) <= free)
                model.add(sum(cover) - sum(here) <= free)
            elif relaxed and here:  # busy here: on its block here, or off its block and busy here
                spare = model.new_bool_var(f"l{p}_{t}")
                model.add(spare <= free)
                model.add(sum(here) == sum(cover) + spare)
                cover_at[t].append(spare)
            elif here or cover:
                model.add(sum(here) == sum(cover))
        if relaxed and k > 1:  # runs of busy slots: at most cap + 1; a second break costs one more
            runs = []
            for t in range(1, instance.n_slots + 1):
                here = person_slot.get((p, t), [])
                if not here:
                    continue
                run = model.new_bool_var(f"r{p}_{t}")
                model.add(run >= sum(here) - sum(person_slot.get((p, t - 1), [])))
                runs.append(run)
            if cap is not None:
                model.add(sum(runs) <= cap + 1)
            extra = model.new_int_var(0, k, f"e{p}")
            model.add(extra >= sum(runs) - 2)
            extras.append(extra)
    # Redundant constraints on the blocks alone, which prune block choices before any meeting is placed:
    # the blocks of two participants who meet overlap (unless one of them is off its block), and the blocks
    # covering a slot (with the busy slots of those off their block) number twice its meetings.
    for a, b, _ in instance.meetings:
        for first, var in blocks[a].items():
            overlapping = [
                other
                for second, other in blocks[b].items()
                if second <= first + degree[a] - 1 and first <= second + degree[b] - 1
            ]
            model.add_bool_or([*overlapping, *([frees[b]] if relaxed else [])]).only_enforce_if(var)
    for t, cover in cover_at.items() if loose or not relaxed else ():
        held = model.new_int_var(0, instance.n_tables, f"h{t}")
        model.add(sum(cover) == 2 * held)
        model.add(held == sum(per_slot.get(t, [])))
    if relaxed:
        model.minimize(sum(off) + sum(extras))
    return model, x


def _configure(
    solver: cp_model.CpSolver,
    seconds: float,
    workers: int,
    seed: int,
    extra: dict[str, Any],
    *,
    portfolio: bool = True,
) -> None:
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    # Core-guided search first: it works up from the lower bound like the MaxSAT solvers of the paper and
    # settles the instances whose optimum is small, where improving from above stalls.
    if portfolio:
        solver.parameters.subsolvers.extend(PORTFOLIO[: max(1, workers)])
    for key, value in extra.items():
        setattr(solver.parameters, key, value)


#: Share of the time limit given to the zero-break phase (settles the instances whose optimum is 0).
BLOCK_PHASE_SHARE = 0.25

#: Share of the time limit given to the relaxed block phase (few participants off a single block) without
#: the SAT search; the exact model gets the rest.
RELAXED_PHASE_SHARE = 0.65

#: With the SAT search (`b2b_sat`, in a child process), the relaxed phase runs beside it until this share of
#: the time limit (or until the SAT search ends); the exact CP-SAT model gets the rest.
SAT_PHASE_END = 0.97

#: When CP-SAT's relaxed phase is still HANDOVER_GAP or more breaks above the SAT search's proven bound at
#: this share of the time limit, it stops and a second SAT search (another seed) takes its core.
HANDOVER_SHARE = 0.4
HANDOVER_GAP = 8

#: When CP-SAT's relaxed phase is less than HANDOVER_GAP but still some breaks above the proven bound at this
#: share of the time limit, a SAT search downwards from its best schedule (`b2b_sat`, `below`) joins in.
DOWNWARD_SHARE = 0.3

#: The loose relaxed model must find a schedule by this share of the time limit, else the plain one runs.
FIRST_SCHEDULE_SHARE = 0.5


#: Full-problem CP-SAT workers, in the order they are added as `workers` grows.
PORTFOLIO = ["core", "default_lp", "max_lp", "no_lp", "quick_restart", "pseudo_costs", "probing", "fixed"]


def solve_b2b(
    instance: B2BInstance,
    *,
    fairness: int | None = 2,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    hint: tuple[int, ...] | None = None,
    parameters: dict[str, Any] | None = None,
    sat: bool = True,
) -> B2BResult:
    """Minimise total breaks; all meetings scheduled; `fairness` = d (None: no fairness rule).

    Phases: CP-SAT looks for a schedule without breaks (blocks), then for one with as few participants off
    their block as possible, while a SAT search (`b2b_sat`, in a child process, on its own core) works up from
    0 breaks; its first schedule is optimal. Then the exact CP-SAT model, started from the best schedule, gets
    what is left of the time. `hint` (a slot per meeting, e.g. a previous schedule) seeds the search;
    `parameters` sets extra CP-SAT parameters by name (for experiments); `sat=False` leaves the SAT search out.
    """
    from .b2b_sat import SatProcess  # here, not at the top: b2b_sat imports this module

    started = time.monotonic()
    domains = _domains(instance)
    if domains is None:
        return B2BResult(Status.INFEASIBLE, None, 0, (), time.monotonic() - started)
    params = parameters or {}
    lower = 0  # proven lower bound on the optimum
    best: tuple[int, ...] | None = None  # best valid schedule found before the exact model
    best_time: float | None = None
    # The relaxed and SAT phases allow at most d breaks per participant. When everybody has two meetings or
    # more, a fair schedule outside that space gives everybody a break: n breaks or more.
    meetings_of = _meetings_of(instance)
    everybody = (
        fairness is not None
        and len(meetings_of) == instance.n_business
        and min((len(ms) for ms in meetings_of.values()), default=0) > 1
    )

    def read(solver: cp_model.CpSolver, x: dict[tuple[int, int], cp_model.IntVar]) -> tuple[int, ...]:
        return tuple(
            next(t for t in domains[m] if solver.boolean_value(x[m, t])) for m in range(len(domains))
        )

    def capped(bound: int) -> int:
        return min(bound, instance.n_business) if everybody else bound

    def result(status: Status, slots: tuple[int, ...], bound: int, found_at: float | None) -> B2BResult:
        value = sum(b2b_breaks(instance, slots))
        if status == Status.OPTIMAL or value <= bound:
            return B2BResult(Status.OPTIMAL, value, value, slots, time.monotonic() - started, found_at)
        return B2BResult(status, value, bound, slots, time.monotonic() - started, found_at)

    if (
        hint is not None
        and not sum(b2b_breaks(instance, hint))
        and not check_b2b(instance, hint, fairness=fairness)
    ):
        return result(Status.OPTIMAL, hint, 0, 0.0)
    sat_process = SatProcess(instance, domains, fairness=fairness) if sat else None
    running: list[cp_model.CpSolver] = []

    def sat_done() -> bool:
        if sat_process is None:
            return False
        sat_process.poll()
        return sat_process.done

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

    handed_over: list[bool] = []
    last_solutions: list[_Solutions] = []  # the callback of the last CP-SAT search run beside the SAT search
    downward: list[SatProcess] = []  # the SAT search downwards from CP-SAT's best, once started

    def watch(
        solver: cp_model.CpSolver, solutions: _Solutions, first_by: float | None, handover: bool
    ) -> None:
        # Stops the search as soon as the SAT search has ended, at `first_by` without any schedule, or (when
        # `handover`) once CP-SAT has a schedule but is still far above the proven bound at HANDOVER_SHARE of
        # the time: then a second SAT search gets its core.
        while True:
            if sat_process is not None:
                sat_process.poll(0.1)
            else:
                time.sleep(0.1)
            for search in downward:
                search.poll()
            elapsed = time.monotonic() - started
            stop = (
                (sat_process is not None and sat_process.done)
                or any(search.done for search in downward)
                or (first_by is not None and not solutions.count and time.monotonic() > first_by)
            )
            if (
                handover
                and sat_process is not None
                and not downward
                and solutions.count
                and elapsed > DOWNWARD_SHARE * time_limit
                and 0 < solutions.best - capped(sat_process.lower) < HANDOVER_GAP
            ):
                # The relaxed model's objective is at least the breaks of its schedule: ask for fewer.
                downward.append(
                    SatProcess(instance, domains, fairness=fairness, below=round(solutions.best), seed=seed)
                )
            if (
                handover
                and sat_process is not None
                and solutions.count
                and elapsed > HANDOVER_SHARE * time_limit
                and solutions.best - capped(sat_process.lower) >= HANDOVER_GAP
            ):
                handed_over.append(True)
                stop = True
            if stop:
                solver.stop_search()
                return
            if not running:
                return

    def solve(
        solver: cp_model.CpSolver,
        model: cp_model.CpModel,
        first_by: float | None = None,
        handover: bool = False,
    ) -> Any:
        last_solutions.clear()
        if sat_process is None and first_by is None:
            return solver.solve(model)
        solutions = _Solutions()
        last_solutions[:] = [solutions]
        running.append(solver)
        watcher = threading.Thread(target=watch, args=(solver, solutions, first_by, handover), daemon=True)
        watcher.start()
        try:
            return solver.solve(model, solutions)
        finally:
            running.clear()
            watcher.join()

    try:
        # Phase 1: a schedule without any break (optimal whatever d); its infeasibility proves optimum >= 1.
        block = _block_model(instance, domains)
        if block is None:
            lower = 1
        else:
            model, x = block
            solver = cp_model.CpSolver()
            _configure(solver, BLOCK_PHASE_SHARE * time_limit, workers, seed, params, portfolio=False)
            code = solve(solver, model)
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                found = read(solver, x)
                return result(Status.OPTIMAL, found, 0, time.monotonic() - started)
            if code == cp_model.INFEASIBLE:
                lower = 1
        # Phase 2: as few participants as possible off a single block, at most d breaks each. Each of them
        # has a break, so the optimum of this relaxation is a lower bound; its schedules are fair.
        # The loose model (busy slots off the block counted in the slot rule too) finds far better
        # schedules, but on some instances none at all: without one by FIRST_SCHEDULE_SHARE of the time, the
        # plain relaxation (off its block, anything goes) takes over.
        # Alone, it leaves time to the exact model; beside the SAT search, it runs until that ends.
        end = SAT_PHASE_END if sat_process else BLOCK_PHASE_SHARE + RELAXED_PHASE_SHARE
        code = cp_model.UNKNOWN
        for loose in (True, False):
            if sat_done() or code != cp_model.UNKNOWN or time.monotonic() - started >= end * time_limit:
                break
            relaxed = _block_model(instance, domains, relaxed=True, cap=fairness, loose=loose)
            assert relaxed is not None  # the relaxation always has a model
            model, x = relaxed
            if hint is not None:
                for (m, t), var in x.items():
                    model.add_hint(var, hint[m] == t)
            solver = cp_model.CpSolver()
            budget = end * time_limit - (time.monotonic() - started)
            _configure(solver, budget, workers, seed, params, portfolio=False)
            first_by = started + FIRST_SCHEDULE_SHARE * time_limit if loose else None
            code = solve(solver, model, first_by, handover=True)
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                lower = max(lower, capped(math.ceil(solver.best_objective_bound - 1e-6)))
                found = read(solver, x)
                hint = found  # even when unfair: the exact model repairs it
                if not check_b2b(instance, found, fairness=fairness):
                    found_at = last_solutions[0].best_at if last_solutions else None
                    best, best_time = found, (found_at or time.monotonic()) - started
        # Phase 3: the SAT search's answer; its first schedule is optimal among those with at most d breaks
        # each (so overall, when that is fewer than n breaks or somebody has fewer than two meetings). When
        # CP-SAT handed its core over, two SAT searches from the bound proven so far replace the first: the same
        # search with another seed (their running times vary widely from one seed to another) and one with a new
        # solver for each bound (`fresh`), which finds some optima far sooner. A downward search, if one was
        # started, goes on beside them.
        if sat_process is not None:
            searches = [sat_process, *downward]
            if handed_over and not sat_process.done:
                # The first search is stuck on the bound it has proven (which is why CP-SAT handed over): the
                # two new searches start from that bound and get a core each.
                sat_process.poll()
                lower = max(lower, capped(sat_process.lower))
                searches = [
                    *downward,
                    SatProcess(instance, domains, fairness=fairness, lower=sat_process.lower, seed=seed + 1),
                    SatProcess(instance, domains, fairness=fairness, lower=sat_process.lower, fresh=True),
                ]
                sat_process.close()
            value = None if best is None else sum(b2b_breaks(instance, best))
            deadline = started + SAT_PHASE_END * time_limit
            while time.monotonic() < deadline:
                for search in searches:
                    search.poll(0.05)
                    lower = max(lower, capped(search.lower))
                    sat_found = search.found
                    if (
                        sat_found is not None
                        and not check_b2b(instance, sat_found, fairness=fairness)
                        and (value is None or sum(b2b_breaks(instance, sat_found)) < value)
                    ):
                        best, value = sat_found, sum(b2b_breaks(instance, sat_found))
                        best_time = (search.found_at or time.monotonic()) - started
                        hint = best
                if (value is not None and value <= lower) or any(search.done for search in searches):
                    break
            for search in searches:
                if search is not sat_process:
                    search.close()
            if best is not None and sum(b2b_breaks(instance, best)) <= lower:
                return result(Status.OPTIMAL, best, lower, best_time)
    finally:
        if sat_process is not None:
            sat_process.close()
        for search in downward:
            search.close()
    # Phase 4: the exact model (every fair schedule, started from the best one) for the rest of the time.
    exact = _Model(instance, domains, fairness=fairness)
    if lower:
        exact.model.add(exact.objective >= lower)
    if hint is not None:
        exact.hint(hint)
    solver = cp_model.CpSolver()
    _configure(solver, time_limit - (time.monotonic() - started), workers, seed, params)
    progress = _Progress(started)
    code = solver.solve(exact.model, progress)
    if code == cp_model.INFEASIBLE:
        return B2BResult(Status.INFEASIBLE, None, 0, (), time.monotonic() - started)
    bound = max(lower, math.ceil(solver.best_objective_bound - 1e-6))
    chosen, chosen_time = best, best_time
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        candidate = exact.slots(solver)
        if chosen is None or sum(b2b_breaks(instance, candidate)) < sum(b2b_breaks(instance, chosen)):
            chosen, chosen_time = candidate, progress.best_time
    if chosen is None:
        return B2BResult(Status.UNKNOWN, None, bound, (), time.monotonic() - started)
    return result(Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE, chosen, bound, chosen_time)
