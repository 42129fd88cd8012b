"""The independent checker of a B2BSOP schedule: every rule of the problem, and the breaks it counts."""

from __future__ import annotations

import itertools
from collections import defaultdict

from .instance import AFTERNOON, MORNING, B2BInstance


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
