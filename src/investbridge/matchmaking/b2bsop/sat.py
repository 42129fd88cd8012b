"""B2BSOP as a sequence of SAT problems: "is there a schedule with at most K breaks?" for K from the proven
lower bound upwards, solved by CaDiCaL through PySAT, incrementally (one solver, the bound as an assumption) or
`fresh` (a new solver for each K, the bound as clauses), or downwards from a schedule found elsewhere.

Bofill et al. (JAIR 2022) solve the problem best with core-guided MaxSAT, which works up from the lower bound
in the same way: the optima are small (0–6 breaks on the published originals), every "K too small" answer is
a proof that raises the lower bound, and the first "yes" is optimal. Run in child processes (`sat_process`) beside the CP-SAT
block phases; a plain module without Django, like the rest of the engine.

Encoding (every variable a Boolean):
- `x[m, t]`: meeting m in slot t, for the slots of its domain; exactly one per meeting;
- at most one meeting per participant and slot, at most nTables per slot (sequential counters);
- precedences: m in t needs each predecessor in an earlier slot of its domain;
- `busy[p, t]` exactly when p has a meeting in t; `later[p, t]` exactly when p has a meeting in t or after;
  a break of p starts in t (`gap[p, t]`) when p is busy in t - 1, idle in t and has a meeting later; the
  redundant "p is busy in exactly as many slots as it has meetings" helps the solver;
- fairness d: at most d breaks per participant (the caller turns the bound into one for the whole problem:
  a fair schedule outside this space gives everybody a break);
- the total of the `gap` literals is counted by an incremental totalizer; "at most K" is an assumption.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.formula import IDPool
from pysat.solvers import Solver

from . import tuning
from .checker import b2b_breaks
from .instance import B2BInstance


class _Encoding:
    def __init__(self, instance: B2BInstance, domains: list[list[int]], *, fairness: int | None) -> None:
        self.instance = instance
        self.domains = domains
        pool = self.pool = IDPool()
        clauses: list[list[int]] = []
        self.x: dict[tuple[int, int], int] = {}
        person_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
        per_slot: dict[int, list[int]] = defaultdict(list)
        mine: dict[int, list[int]] = defaultdict(list)
        for m, (a, b, _) in enumerate(instance.meetings):
            mine[a].append(m)
            mine[b].append(m)
            row = []
            for t in domains[m]:
                var = pool.id(("x", m, t))
                self.x[m, t] = var
                row.append(var)
                person_slot[a, t].append(var)
                person_slot[b, t].append(var)
                per_slot[t].append(var)
            clauses += CardEnc.equals(row, 1, vpool=pool, encoding=EncType.seqcounter).clauses
        for lits in person_slot.values():
            if len(lits) > 1:
                clauses += CardEnc.atmost(lits, 1, vpool=pool, encoding=EncType.seqcounter).clauses
        for lits in per_slot.values():
            if len(lits) > instance.n_tables:
                clauses += CardEnc.atmost(
                    lits, instance.n_tables, vpool=pool, encoding=EncType.seqcounter
                ).clauses
        for m, preds in enumerate(instance.predecessors):
            for pred in preds:
                for t in domains[m]:
                    earlier = [self.x[pred - 1, u] for u in domains[pred - 1] if u < t]
                    clauses.append([-self.x[m, t], *earlier])
        self.gaps: list[int] = []
        n_slots = instance.n_slots
        for p, ms in mine.items():
            if len(ms) < 2:
                continue
            busy = [pool.id(("busy", p, t)) for t in range(n_slots + 2)]  # slots 0 and n + 1: never busy
            later = [pool.id(("later", p, t)) for t in range(n_slots + 2)]
            clauses += [[-busy[0]], [-busy[n_slots + 1]], [-later[n_slots + 1]]]
            for t in range(1, n_slots + 1):
                here = person_slot.get((p, t), [])
                clauses.append([-busy[t], *here])
                clauses += [[-lit, busy[t]] for lit in here]
                clauses += [
                    [-busy[t], later[t]],
                    [-later[t + 1], later[t]],
                    [-later[t], busy[t], later[t + 1]],
                ]
            own = []
            for t in range(2, n_slots):
                gap = pool.id(("gap", p, t))
                clauses.append([-busy[t - 1], busy[t], -later[t + 1], gap])
                # Exact, so that a model's count is its breaks: a gap needs all three.
                clauses += [[-gap, busy[t - 1]], [-gap, -busy[t]], [-gap, later[t + 1]]]
                own.append(gap)
            clauses += CardEnc.equals(
                busy[1 : n_slots + 1], len(ms), vpool=pool, encoding=EncType.seqcounter
            ).clauses
            if fairness is not None and len(own) > fairness:
                clauses += CardEnc.atmost(own, fairness, vpool=pool, encoding=EncType.seqcounter).clauses
            self.gaps += own
        self.clauses = clauses

    def fresh_schedule(self, k: int, *, seed: int) -> tuple[int, ...] | None:
        """A schedule with at most `k` breaks from a new solver, the bound given as clauses (a totalizer with its
        k-th output false; none when `k` is at least the number of break literals), or None if there is none."""
        totalizer = ITotalizer(lits=self.gaps, ubound=k + 1, top_id=self.pool.top)
        bound = [[-totalizer.rhs[k]]] if k < len(self.gaps) else []
        try:
            with Solver(name=tuning.SAT_SOLVER) as solver:
                if seed:
                    solver.configure({"seed": seed})
                solver.append_formula(self.clauses + totalizer.cnf.clauses + bound)
                if not solver.solve():
                    return None
                return self.slots(solver.get_model() or [])
        finally:
            totalizer.delete()

    def slots(self, model: list[int]) -> tuple[int, ...]:
        true = {lit for lit in model if lit > 0}
        return tuple(
            next(t for t in self.domains[m] if self.x[m, t] in true) for m in range(len(self.domains))
        )


def search(
    instance: B2BInstance,
    domains: list[list[int]],
    *,
    fairness: int | None,
    lower: int = 0,
    upper: int | None = None,
    seed: int = 0,
    fresh: bool = False,
    below: int | None = None,
) -> Iterator[tuple[str, int, tuple[int, ...] | None]]:
    """Try K = lower, lower + 1, … < upper (None: unbounded): yield ("lower", K + 1, None) for each K without a
    schedule, then ("found", breaks, slots) for the first K with one (optimal, since K - 1 had none), or
    ("exhausted", K, None) when no bound is left to try (no schedule with at most d breaks each, or none
    below `upper`). `seed` varies CaDiCaL's random choices (for a second search beside the first). Runs
    until done: `SatProcess` puts a deadline on it.

    One solver answers every K, the bound given as an assumption, so what it learns proving "K too small"
    serves the next K; with `fresh`, each K gets a new solver with the bound as clauses (`_fresh_search`).
    With `below` (the breaks of a schedule found elsewhere) the search goes down instead (`_downward_search`).
    """
    if below is not None:
        yield from _downward_search(instance, domains, fairness=fairness, below=below, seed=seed)
        return
    if fresh:
        yield from _fresh_search(instance, domains, fairness=fairness, lower=lower, upper=upper, seed=seed)
        return
    encoding = _Encoding(instance, domains, fairness=fairness)
    top = len(encoding.gaps) + 1 if upper is None else min(upper, len(encoding.gaps) + 1)
    totalizer = ITotalizer(lits=encoding.gaps, ubound=max(1, top), top_id=encoding.pool.top)
    with Solver(name=tuning.SAT_SOLVER) as solver:
        if seed:
            solver.configure({"seed": seed})
        solver.append_formula(encoding.clauses + totalizer.cnf.clauses)
        k = lower
        while upper is None or k < upper:
            assumptions = [-totalizer.rhs[k]] if k < len(totalizer.rhs) else []
            if solver.solve(assumptions=assumptions):
                found = encoding.slots(solver.get_model() or [])
                yield "found", sum(b2b_breaks(instance, found)), found
                return
            if not assumptions:  # no schedule at all with at most d breaks each
                break
            k += 1
            yield "lower", k, None
        yield "exhausted", k, None


def _fresh_search(
    instance: B2BInstance,
    domains: list[list[int]],
    *,
    fairness: int | None,
    lower: int,
    upper: int | None,
    seed: int,
) -> Iterator[tuple[str, int, tuple[int, ...] | None]]:
    """`search` with a new solver for each K and "at most K breaks" as clauses (a totalizer with its K-th output
    false), which CaDiCaL can simplify with, where an assumption must stay open. Proving each K too small starts
    from nothing, but finding a schedule at the optimum is often far quicker: forum-13crafb's 6 in about 26 s
    from K = 0 on one core, where the one solver with assumptions needs about 100 s."""
    encoding = _Encoding(instance, domains, fairness=fairness)
    top = len(encoding.gaps) + 1 if upper is None else min(upper, len(encoding.gaps) + 1)
    k = lower
    while k < top:
        found = encoding.fresh_schedule(k, seed=seed)
        if found is not None:
            yield "found", sum(b2b_breaks(instance, found)), found
            return
        if k >= len(encoding.gaps):  # no schedule at all with at most d breaks each
            break
        k += 1
        yield "lower", k, None
    yield "exhausted", k, None


def _downward_search(
    instance: B2BInstance, domains: list[list[int]], *, fairness: int | None, below: int, seed: int
) -> Iterator[tuple[str, int, tuple[int, ...] | None]]:
    """Asks a new solver (the bound as clauses) for a schedule with at most K = `below` - 1 breaks, then one
    fewer than each schedule it finds: yields ("better", breaks, slots) for each (not yet proved optimal), then,
    once a K has no schedule, ("lower", K + 1, None) and ("found", breaks, slots) for its last schedule (optimal,
    having K + 1 breaks) or ("exhausted", `below`, None) if it found none (a schedule with `below` breaks is
    optimal). Where the search upwards is stuck proving a bound (tic-13crafc: "at most 2" takes far more than a
    minute), the schedules just above the optimum can still come quickly ("at most 4" in 11–38 s there)."""
    encoding = _Encoding(instance, domains, fairness=fairness)
    best: tuple[int, tuple[int, ...]] | None = None
    k = below - 1
    while k >= 0:
        found = encoding.fresh_schedule(k, seed=seed)
        if found is None:
            yield "lower", k + 1, None
            break
        breaks = sum(b2b_breaks(instance, found))
        best = (breaks, found)
        yield "better", breaks, found
        k = breaks - 1
    if best is not None:
        yield "found", best[0], best[1]
    else:
        yield "exhausted", below, None
