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
            elif not self._augment(k, t, set()):
                return False
        a, b = self.prep.sides[k]
        self.busy[a].add(t)
        self.busy[b].add(t)
        self.count[t] += 1
        self.slot_of[k] = t
        return True

    def cost(self, k: int, t: int) -> int:
        total = 0
        for p in self.prep.sides[k]:
            day = self.prep.day[p]
            mine = self.busy[p]
            if (t - 1 in mine and day[t - 1] == day[t]) or (
                t + 1 in mine and t + 1 < len(day) and day[t + 1] == day[t]
            ):
                continue
            total += 2 if any(day[u] == day[t] for u in mine) else 1
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
