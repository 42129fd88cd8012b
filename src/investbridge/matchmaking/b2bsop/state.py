"""What one call of `solve_b2b` knows as its phases run: the options, the clock, the proven lower bound, the
best fair schedule so far and the hint handed from phase to phase."""

from __future__ import annotations

import time
from typing import Any

from ortools.sat.python import cp_model

from investbridge.matchmaking.scheduler.model import Status

from . import tuning
from .checker import b2b_breaks, check_b2b
from .instance import B2BInstance, B2BResult, domains, meetings_of


class SolveState:
    def __init__(
        self,
        instance: B2BInstance,
        *,
        fairness: int | None,
        time_limit: float,
        workers: int,
        seed: int,
        parameters: dict[str, Any],
        hint: tuple[int, ...] | None,
    ) -> None:
        self.started = time.monotonic()
        self.instance = instance
        self.fairness = fairness
        self.time_limit = time_limit
        self.workers = workers
        self.seed = seed
        self.parameters = parameters
        self.domains = domains(instance)
        self.hint = hint  # a slot per meeting for the next model (the previous phase's schedule)
        self.lower = 0  # proven lower bound on the optimum
        self.best: tuple[int, ...] | None = None  # best fair schedule found before the exact model
        self.best_time: float | None = None  # seconds from the start until it was found
        # The relaxed and SAT phases allow at most d breaks per participant. When everybody has two meetings or
        # more, a fair schedule outside that space gives everybody a break: n breaks or more.
        mine = meetings_of(instance)
        self.everybody = (
            fairness is not None
            and len(mine) == instance.n_business
            and min((len(ms) for ms in mine.values()), default=0) > 1
        )

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def at(self, share: float) -> float:
        """The monotonic-clock time at `share` of the time limit."""
        return self.started + share * self.time_limit

    def capped(self, bound: int) -> int:
        """A lower bound proved within "at most d breaks each", as a bound on the whole problem."""
        return min(bound, self.instance.n_business) if self.everybody else bound

    def raise_lower(self, bound: int) -> None:
        self.lower = max(self.lower, self.capped(bound))

    def breaks(self, slots: tuple[int, ...]) -> int:
        return sum(b2b_breaks(self.instance, slots))

    def fair(self, slots: tuple[int, ...]) -> bool:
        return not check_b2b(self.instance, slots, fairness=self.fairness)

    def keep(self, slots: tuple[int, ...], found_at: float | None) -> None:
        """Keep `slots` as the best schedule; `found_at` is when it was found (monotonic clock; None: now)."""
        self.best, self.best_time = slots, (found_at or time.monotonic()) - self.started

    def configure(self, solver: cp_model.CpSolver, seconds: float, *, portfolio: bool) -> None:
        """Time limit, workers and seed; with `portfolio`, the exact model's workers (EXACT_PORTFOLIO)."""
        solver.parameters.max_time_in_seconds = max(tuning.MIN_CP_SAT_SECONDS, seconds)
        solver.parameters.num_workers = max(1, self.workers)
        solver.parameters.random_seed = self.seed
        if portfolio:
            solver.parameters.subsolvers.extend(tuning.EXACT_PORTFOLIO[: max(1, self.workers)])
        for key, value in self.parameters.items():
            setattr(solver.parameters, key, value)

    def read(self, solver: cp_model.CpSolver, x: dict[tuple[int, int], cp_model.IntVar]) -> tuple[int, ...]:
        assert self.domains is not None
        return tuple(
            next(t for t in self.domains[m] if solver.boolean_value(x[m, t]))
            for m in range(len(self.domains))
        )

    def result(self, status: Status, slots: tuple[int, ...], bound: int, found_at: float | None) -> B2BResult:
        """The result for `slots`: optimal when it meets the bound."""
        value = self.breaks(slots)
        if status == Status.OPTIMAL or value <= bound:
            return B2BResult(Status.OPTIMAL, value, value, slots, self.elapsed(), found_at)
        return B2BResult(status, value, bound, slots, self.elapsed(), found_at)

    def no_schedule(self, status: Status, bound: int = 0) -> B2BResult:
        return B2BResult(status, None, bound, (), self.elapsed())
