"""CP-SAT models of the B2BSOP built on blocks of consecutive slots (phases 1 and 2 of `solve_b2b`).

`block_model(...)` is the problem with no break at all; `block_model(..., relaxed=True)` lets participants
leave their block and counts exactly the breaks that costs (a lower bound within "at most d breaks each").
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from .instance import B2BInstance


def block_model(
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
