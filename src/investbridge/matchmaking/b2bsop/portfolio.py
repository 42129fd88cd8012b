"""`solve_b2b`: the portfolio of strategies that solves the B2BSOP, one phase after another.

1. `beside.zero_break_phase`: CP-SAT looks for a schedule without any break (`blocks`);
2. `beside.relaxed_phase`: CP-SAT minimises the breaks of participants off a single block, while
3. `sat_process.sat_phase`: SAT searches (`sat`, in child processes) work up from the proven lower bound (their
   first schedule is optimal) or down from CP-SAT's best;
4. `exact.exact_phase`: the exact CP-SAT model, started from the best schedule, gets the rest of the time.

The time each phase gets and when the strategies hand over are the constants of `tuning`.
"""

from __future__ import annotations

from typing import Any

from investbridge.matchmaking.scheduler.model import Status

from .beside import relaxed_phase, zero_break_phase
from .exact import exact_phase
from .instance import B2BInstance, B2BResult
from .sat_process import SatTeam, sat_phase
from .state import SolveState


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

    `workers` is the number of CP-SAT threads; each SAT search is one more process (`sat=False` leaves them
    out). `hint` (a slot per meeting, e.g. a previous schedule) seeds the search; `parameters` sets extra
    CP-SAT parameters by name (for experiments).
    """
    state = SolveState(
        instance,
        fairness=fairness,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        parameters=parameters or {},
        hint=hint,
    )
    if state.domains is None:
        return state.no_schedule(Status.INFEASIBLE)
    if hint is not None and not state.breaks(hint) and state.fair(hint):
        return state.result(Status.OPTIMAL, hint, 0, 0.0)
    team = SatTeam(state) if sat else None
    try:
        done = zero_break_phase(state, team)
        if done is None:
            relaxed_phase(state, team)
            if team is not None:
                done = sat_phase(state, team)
    finally:
        if team is not None:
            team.close()
    return done if done is not None else exact_phase(state)
