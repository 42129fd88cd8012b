"""An independent checker: validates a schedule against an instance and recomputes its objective.

It deliberately shares no code with the solver (only the dataclasses), so that a bug in the model
or in the construction cannot hide itself: every test runs its schedules through `check_schedule`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .model import Assignment, Id, Instance, Objective


@dataclass(frozen=True)
class CheckReport:
    violations: tuple[str, ...]
    objective: Objective
    breaks_by_participant: dict[Id, int]

    @property
    def ok(self) -> bool:
        return not self.violations


def check_schedule(instance: Instance, assignments: Iterable[Assignment]) -> CheckReport:
    """Return every violated rule (empty when the schedule is valid) and the recomputed objective."""
    assignments = list(assignments)
    problems: list[str] = []
    slots = {s.id: s for s in instance.slots}
    people = {p.id: p for p in instance.participants}
    meetings = {m.id: m for m in instance.meetings}
    interpreters = {i.id: i for i in instance.interpreters}

    seen_meetings: Counter[Id] = Counter(a.meeting for a in assignments)
    for meeting_id, count in seen_meetings.items():
        if count > 1:
            problems.append(f"meeting {meeting_id!r} is scheduled {count} times")
    person_slot: dict[tuple[Id, Id], Id] = {}
    room_slot: dict[tuple[int, Id], Id] = {}
    interpreter_slot: dict[tuple[Id, Id], Id] = {}
    per_slot: Counter[Id] = Counter()
    for a in assignments:
        meeting = meetings.get(a.meeting)
        if meeting is None:
            problems.append(f"unknown meeting {a.meeting!r}")
            continue
        if a.slot not in slots:
            problems.append(f"meeting {a.meeting!r}: unknown slot {a.slot!r}")
            continue
        if meeting.fixed_slot is not None and meeting.fixed_slot != a.slot:
            problems.append(f"meeting {a.meeting!r} is fixed in slot {meeting.fixed_slot!r}, not {a.slot!r}")
        if not 1 <= a.room <= instance.rooms:
            problems.append(f"meeting {a.meeting!r}: room {a.room} is not in 1..{instance.rooms}")
        clash = room_slot.setdefault((a.room, a.slot), a.meeting)
        if clash != a.meeting:
            problems.append(f"meetings {clash!r} and {a.meeting!r} share room {a.room} in slot {a.slot!r}")
        per_slot[a.slot] += 1
        langs = []
        for side in meeting.between:
            person = people[side]
            langs.append(set(person.languages))
            if a.slot in person.unavailable:
                problems.append(
                    f"meeting {a.meeting!r}: participant {side!r} is unavailable in slot {a.slot!r}"
                )
            other = person_slot.setdefault((side, a.slot), a.meeting)
            if other != a.meeting:
                problems.append(
                    f"participant {side!r} has meetings {other!r} and {a.meeting!r} in slot {a.slot!r}"
                )
        shared = langs[0] & langs[1]
        if a.interpreter is None:
            if not shared:
                problems.append(
                    f"meeting {a.meeting!r}: the sides share no language and there is no interpreter"
                )
            continue
        interp = interpreters.get(a.interpreter)
        if interp is None:
            problems.append(f"meeting {a.meeting!r}: unknown interpreter {a.interpreter!r}")
            continue
        if a.slot in interp.unavailable:
            problems.append(
                f"meeting {a.meeting!r}: interpreter {a.interpreter!r} is unavailable in slot {a.slot!r}"
            )
        if not (set(interp.languages) & langs[0]) or not (set(interp.languages) & langs[1]):
            problems.append(
                f"meeting {a.meeting!r}: interpreter {a.interpreter!r} does not speak both sides' languages"
            )
        other = interpreter_slot.setdefault((a.interpreter, a.slot), a.meeting)
        if other != a.meeting:
            problems.append(
                f"interpreter {a.interpreter!r} serves meetings {other!r} and {a.meeting!r} in slot {a.slot!r}"
            )
    for slot_id, count in per_slot.items():
        if count > instance.rooms:
            problems.append(f"slot {slot_id!r} has {count} meetings for {instance.rooms} rooms")
    scheduled_ids = set(seen_meetings)
    for meeting in instance.meetings:
        if meeting.fixed_slot is not None and meeting.id not in scheduled_ids:
            problems.append(f"fixed meeting {meeting.id!r} is not scheduled")

    # Objective, recomputed from scratch: breaks per participant per local day.
    ordered = sorted(instance.slots, key=lambda s: s.start)
    position = {s.id: k for k, s in enumerate(ordered)}
    busy: dict[Id, set[int]] = defaultdict(set)
    for a in assignments:
        if a.meeting in meetings and a.slot in slots:
            for side in meetings[a.meeting].between:
                busy[side].add(position[a.slot])
    breaks: dict[Id, int] = {}
    for person in instance.participants:
        zone = ZoneInfo(person.timezone)
        count = 0
        previous: int | None = None
        for k in sorted(busy.get(person.id, ())):
            if previous is not None and k > previous + 1:
                same_day = (
                    ordered[k].start.astimezone(zone).date()
                    == ordered[previous].start.astimezone(zone).date()
                )
                count += same_day
            previous = k
        breaks[person.id] = count
    valid_ids = {a.meeting for a in assignments if a.meeting in meetings}
    objective = Objective(
        priority=sum(meetings[m].priority for m in valid_ids),
        scheduled=len(valid_ids),
        breaks=sum(breaks.values()),
        max_breaks=max(breaks.values(), default=0),
    )
    return CheckReport(violations=tuple(problems), objective=objective, breaks_by_participant=breaks)
