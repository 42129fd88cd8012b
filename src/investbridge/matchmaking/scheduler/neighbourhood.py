"""Large-neighbourhood search: improves a valid schedule of a large event a few participants at a time."""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from . import tuning
from .cpsat import MeetingModel, configure
from .model import Phase, SolveOptions
from .prepared import Prepared, evaluate, not_worse, participant_breaks
from .progress import Reporter


def neighbourhood_search(
    prep: Prepared,
    slot_of: dict[int, int],
    interpreter_of: dict[int, int],
    options: SolveOptions,
    deadline: float,
    reporter: Reporter,
) -> tuple[dict[int, int], dict[int, int]]:
    """Improve a valid placement: free the meetings of a few participants (those with breaks or unscheduled
    meetings first), re-solve them with CP-SAT around everything else, keep the result when it is not worse."""
    rng = random.Random(options.seed)
    current = evaluate(prep, slot_of)
    n_people = len(prep.meetings_of)
    while deadline - time.monotonic() > tuning.NEIGHBOURHOOD_SECONDS / 2:
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
        seeds = troubled if troubled and rng.random() < tuning.TROUBLED_SHARE else list(range(n_people))
        free: set[int] = set()
        frontier = [rng.choice(seeds)]
        seen: set[int] = set()
        while frontier and len(free) < tuning.NEIGHBOURHOOD_MEETINGS:
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
        model = MeetingModel(prep, hint=(slot_of, interpreter_of), free=free, base=(slot_of, interpreter_of))
        solver = cp_model.CpSolver()
        configure(
            solver, options, max(0.05, min(tuning.NEIGHBOURHOOD_SECONDS, deadline - time.monotonic() - 0.05))
        )
        code = solver.solve(model.cp)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            new_slot_of, new_interp = model.decode(solver)
            candidate = evaluate(prep, new_slot_of)
            if not_worse(candidate, current):
                slot_of, interpreter_of, current = new_slot_of, new_interp, candidate
        reporter.report(Phase.SEARCH, current)  # after every round: improving or a heartbeat
    return slot_of, interpreter_of
