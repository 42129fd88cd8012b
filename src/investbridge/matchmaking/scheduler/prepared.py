"""Index-based view of an instance shared by the construction and the CP-SAT model."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .model import Assignment, Id, Instance, Objective


@dataclass
class Prepared:
    instance: Instance
    n_slots: int
    sides: list[tuple[int, int]]  # participant indices of each meeting
    priority: list[int]
    candidates: list[list[int]]  # slot positions where the meeting may take place
    needs_interpreter: list[bool]
    eligible: list[list[int]]  # interpreter indices that may serve the meeting
    interpreter_free: list[set[int]]  # slot positions where each interpreter is available
    day: list[list[int]]  # day[p][t]: ordinal of the participant's local day of slot t
    meetings_of: list[list[int]]
    locked: dict[int, Assignment]  # meeting index -> locked assignment (kept as is)


def prepare(instance: Instance, locked: tuple[Assignment, ...] = ()) -> Prepared:
    slot_pos = instance.slot_index
    person_pos = {p.id: k for k, p in enumerate(instance.participants)}
    meeting_pos = {m.id: k for k, m in enumerate(instance.meetings)}
    n_slots = len(instance.slots)
    unavailable = [{slot_pos[s] for s in p.unavailable} for p in instance.participants]
    locked_by_index = {meeting_pos[a.meeting]: a for a in locked}
    sides: list[tuple[int, int]] = []
    candidates: list[list[int]] = []
    needs: list[bool] = []
    eligible: list[list[int]] = []
    meetings_of: list[list[int]] = [[] for _ in instance.participants]
    for k, m in enumerate(instance.meetings):
        a, b = person_pos[m.between[0]], person_pos[m.between[1]]
        sides.append((a, b))
        meetings_of[a].append(k)
        meetings_of[b].append(k)
        if k in locked_by_index:
            allowed = [slot_pos[locked_by_index[k].slot]]
        elif m.fixed_slot is not None:
            allowed = [slot_pos[m.fixed_slot]]
        else:
            allowed = [t for t in range(n_slots) if t not in unavailable[a] and t not in unavailable[b]]
        need = instance.needs_interpreter(m)
        needs.append(need)
        eligible.append(
            [i for i, t in enumerate(instance.interpreters) if instance.can_interpret(t, m)] if need else []
        )
        candidates.append(allowed)
    interpreter_free = [
        {t for t in range(n_slots) if instance.slots[t].id not in i.unavailable}
        for i in instance.interpreters
    ]
    day = [
        [instance.slots[t].start.astimezone(p.zone).date().toordinal() for t in range(n_slots)]
        for p in instance.participants
    ]
    return Prepared(
        instance=instance,
        n_slots=n_slots,
        sides=sides,
        priority=[m.priority for m in instance.meetings],
        candidates=candidates,
        needs_interpreter=needs,
        eligible=eligible,
        interpreter_free=interpreter_free,
        day=day,
        meetings_of=meetings_of,
        locked=locked_by_index,
    )


def participant_breaks(prep: Prepared, p: int, slots: list[int]) -> int:
    """Breaks of participant p whose meetings are in the (sorted) slot positions `slots`."""
    day = prep.day[p]
    return sum(1 for x, y in itertools.pairwise(slots) if y > x + 1 and day[x] == day[y])


def evaluate(prep: Prepared, slot_of: dict[int, int]) -> Objective:
    """The objective of a placement {meeting index: slot position}."""
    busy: list[list[int]] = [[] for _ in prep.meetings_of]
    for k, t in slot_of.items():
        for p in prep.sides[k]:
            busy[p].append(t)
    breaks = [participant_breaks(prep, p, sorted(ts)) for p, ts in enumerate(busy)]
    return Objective(
        priority=sum(prep.priority[k] for k in slot_of),
        scheduled=len(slot_of),
        breaks=sum(breaks),
        max_breaks=max(breaks, default=0),
    )


def to_assignments(
    prep: Prepared, slot_of: dict[int, int], interpreter_of: dict[int, int]
) -> tuple[Assignment, ...]:
    """Number rooms 1..R in each slot (locked meetings keep theirs) and build the assignments."""
    instance = prep.instance
    taken: dict[int, set[int]] = {}
    for k, a in prep.locked.items():
        taken.setdefault(slot_of[k], set()).add(a.room)
    out: list[Assignment] = []
    for k in sorted(slot_of, key=lambda k: (slot_of[k], k)):
        t = slot_of[k]
        if k in prep.locked:
            room = prep.locked[k].room
        else:
            used = taken.setdefault(t, set())
            room = next(r for r in range(1, instance.rooms + 1) if r not in used)
            used.add(room)
        interp: Id | None = instance.interpreters[interpreter_of[k]].id if k in interpreter_of else None
        out.append(
            Assignment(
                meeting=instance.meetings[k].id, slot=instance.slots[t].id, room=room, interpreter=interp
            )
        )
    return tuple(out)


def rank(objective: Objective) -> tuple[int, int, int]:
    """Sort key of the lexicographic objective: more priority, then fewer breaks, then a lower maximum."""
    return (objective.priority, -objective.breaks, -objective.max_breaks)


def not_worse(a: Objective, b: Objective) -> bool:
    return rank(a) >= rank(b)
