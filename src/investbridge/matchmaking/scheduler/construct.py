"""Fast greedy constructions: the starting point of the solver and the first-come-first-served baseline."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from .prepared import Prepared


class Order(StrEnum):
    #: Fixed and locked meetings first, then by priority (highest first) and fewest possible slots;
    #: each meeting goes to the slot that adds the fewest breaks.
    PRIORITY = "priority"
    #: Meetings in the order they were requested, each in the earliest free slot (what most platforms do).
    FCFS = "fcfs"


class _State:
    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self.busy: list[set[int]] = [set() for _ in prep.meetings_of]
        self.count = [0] * prep.n_slots
        self.slot_of: dict[int, int] = {}
        self.interpreter_of: dict[int, int] = {}
        # per slot: interpreter -> meeting it serves
        self.served: list[dict[int, int]] = [{} for _ in range(prep.n_slots)]
        self.pinned: set[int] = set()  # meetings whose interpreter must not move (locked)
        self.day_count: list[dict[int, int]] = [{} for _ in prep.meetings_of]  # meetings per local day
        self.kind = [tuple(e) for e in prep.eligible]
        self.dead: set[tuple[tuple[int, ...], int]] = set()

    def free(self, k: int, t: int) -> bool:
        a, b = self.prep.sides[k]
        return self.count[t] < self.prep.instance.rooms and t not in self.busy[a] and t not in self.busy[b]

    def _augment(self, k: int, t: int, seen: set[int]) -> bool:
        served = self.served[t]
        for i in self.prep.eligible[k]:
            if i in seen or t not in self.prep.interpreter_free[i]:
                continue
            seen.add(i)
            holder = served.get(i)
            if holder is None or (holder not in self.pinned and self._augment(holder, t, seen)):
                served[i] = k
                self.interpreter_of[k] = i
                return True
        return False

    def place(self, k: int, t: int, interpreter: int | None = None) -> bool:
        if not self.free(k, t):
            return False
        if self.prep.needs_interpreter[k]:
            if interpreter is not None:
                if interpreter in self.served[t]:
                    return False
                self.served[t][interpreter] = k
                self.interpreter_of[k] = interpreter
                self.pinned.add(k)
            else:
                # Meetings only ever get added, so once no interpreter can be found for a type of meeting
                # (same eligible interpreters) in a slot, none will be found later either.
                key = (self.kind[k], t)
                if key in self.dead or not self._augment(k, t, set()):
                    self.dead.add(key)
                    return False
        for p in self.prep.sides[k]:
            self.busy[p].add(t)
            d = self.prep.day[p][t]
            self.day_count[p][d] = self.day_count[p].get(d, 0) + 1
        self.count[t] += 1
        self.slot_of[k] = t
        return True

    def cost(self, k: int, t: int) -> int:
        total = 0
        for p in self.prep.sides[k]:
            day = self.prep.day[p]
            mine = self.busy[p]
            d = day[t]
            if (t - 1 in mine and day[t - 1] == d) or (t + 1 in mine and day[t + 1] == d):
                continue
            total += 2 if self.day_count[p].get(d) else 1
        return total


def construct(
    prep: Prepared, *, order: Order = Order.PRIORITY, request_order: Sequence[int] | None = None
) -> tuple[dict[int, int], dict[int, int]]:
    """A valid placement: ({meeting index: slot position}, {meeting index: interpreter index}).

    Locked meetings keep their slot and interpreter; meetings with a fixed slot are placed first.
    """
    state = _State(prep)
    instance = prep.instance
    interpreter_pos = {t.id: i for i, t in enumerate(instance.interpreters)}
    for k, a in prep.locked.items():
        state.place(
            k, prep.candidates[k][0], interpreter_pos[a.interpreter] if a.interpreter is not None else None
        )
    fixed = [k for k, m in enumerate(instance.meetings) if m.fixed_slot is not None and k not in prep.locked]
    for k in fixed:
        state.place(k, prep.candidates[k][0])
    rest = [
        k
        for k in (request_order or range(len(instance.meetings)))
        if k not in state.slot_of and k not in fixed
    ]
    if order is Order.FCFS:
        for k in rest:
            for t in prep.candidates[k]:
                if state.place(k, t):
                    break
    else:
        rest.sort(key=lambda k: (-prep.priority[k], len(prep.candidates[k]), k))
        for k in rest:
            options = sorted((state.cost(k, t), t) for t in prep.candidates[k] if state.free(k, t))
            for _, t in options:
                if state.place(k, t):
                    break
    return state.slot_of, state.interpreter_of
