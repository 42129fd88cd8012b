"""The B2BSOP's data: an instance as published, a result, and the slots each meeting may take."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from investbridge.matchmaking.scheduler.model import Status

#: A meeting's session in the data files: 1 morning, 2 afternoon, 3 either.
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


def domains(instance: B2BInstance) -> list[list[int]] | None:
    """Allowed slots per meeting, narrowed by the precedence chains (earliest/latest); None if one is empty."""
    found = [instance.domain(m) for m in range(len(instance.meetings))]
    changed = True
    rounds = 0
    while changed and rounds < len(found) + 1:
        changed = False
        rounds += 1
        for m, preds in enumerate(instance.predecessors):
            for pred in preds:
                before, after = found[pred - 1], found[m]
                if not before or not after:
                    return None
                narrowed_after = [t for t in after if t > before[0]]
                narrowed_before = [t for t in before if t < after[-1]]
                if narrowed_after != after or narrowed_before != before:
                    found[m], found[pred - 1] = narrowed_after, narrowed_before
                    changed = True
    if any(not d for d in found):
        return None
    return found


def meetings_of(instance: B2BInstance) -> dict[int, list[int]]:
    """Meeting indexes (0-based) of each participant (1-based) that has any."""
    mine: dict[int, list[int]] = defaultdict(list)
    for m, (a, b, _) in enumerate(instance.meetings):
        mine[a].append(m)
        mine[b].append(m)
    return mine


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
