"""The data of the scheduler: an instance (what to schedule) and a result (the schedule).

Everything is an immutable dataclass with plain Python values, so that the Django side of matchmaking
can build an `Instance` from its models, call `solve()`, and store the `Result` without the engine
knowing anything about the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

#: Identifiers are whatever the caller uses (database primary keys or strings); they are echoed back.
Id = int | str


@dataclass(frozen=True)
class Slot:
    """A time slot in which any number of meetings (up to the number of rooms) run in parallel."""

    id: Id
    start: datetime  # timezone-aware, UTC
    end: datetime  # timezone-aware, UTC, after start


@dataclass(frozen=True)
class Participant:
    """One side of a meeting (an organization's representative)."""

    id: Id
    timezone: str  # IANA name, e.g. "Europe/Moscow"; defines the participant's local days
    languages: frozenset[str] = frozenset()
    unavailable: frozenset[Id] = frozenset()  # slot ids

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Interpreter:
    """An interpreter can serve one meeting per slot whose two sides each speak one of their languages."""

    id: Id
    languages: frozenset[str]
    unavailable: frozenset[Id] = frozenset()


@dataclass(frozen=True)
class Meeting:
    """A requested (accepted) meeting between two participants."""

    id: Id
    between: tuple[Id, Id]
    priority: int = 1  # >= 1; the scheduler maximizes the total priority of scheduled meetings
    fixed_slot: Id | None = None  # when set, the meeting must take place in that slot


@dataclass(frozen=True)
class Assignment:
    """One scheduled meeting: its slot, its (virtual) room numbered 1..R and its interpreter, if any."""

    meeting: Id
    slot: Id
    room: int
    interpreter: Id | None = None


@dataclass(frozen=True)
class Instance:
    """What to schedule. Build it directly or with `instance_from_dict()` (JSON), then `validate_instance()`."""

    slots: tuple[Slot, ...]
    rooms: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    interpreters: tuple[Interpreter, ...] = ()

    # Derived look-ups, computed once.
    slot_index: dict[Id, int] = field(init=False, repr=False, compare=False)
    participant_by_id: dict[Id, Participant] = field(init=False, repr=False, compare=False)
    meeting_by_id: dict[Id, Meeting] = field(init=False, repr=False, compare=False)
    interpreter_by_id: dict[Id, Interpreter] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.slots, key=lambda s: (s.start, s.end)))
        object.__setattr__(self, "slots", ordered)
        object.__setattr__(self, "slot_index", {s.id: i for i, s in enumerate(ordered)})
        object.__setattr__(self, "participant_by_id", {p.id: p for p in self.participants})
        object.__setattr__(self, "meeting_by_id", {m.id: m for m in self.meetings})
        object.__setattr__(self, "interpreter_by_id", {i.id: i for i in self.interpreters})

    def needs_interpreter(self, meeting: Meeting) -> bool:
        a, b = (self.participant_by_id[p] for p in meeting.between)
        return not (a.languages & b.languages)

    def can_interpret(self, interpreter: Interpreter, meeting: Meeting) -> bool:
        a, b = (self.participant_by_id[p] for p in meeting.between)
        return bool(interpreter.languages & a.languages) and bool(interpreter.languages & b.languages)


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven optimal for the whole lexicographic objective
    FEASIBLE = "feasible"  # a valid schedule, not proven optimal
    INFEASIBLE = "infeasible"  # proven: no valid schedule exists (fixed meetings cannot all be held)
    UNKNOWN = "unknown"  # no schedule found within the time limit


@dataclass(frozen=True)
class Objective:
    """The lexicographic objective: priority (max), then breaks (min), then max_breaks (min)."""

    priority: int
    scheduled: int
    breaks: int
    max_breaks: int  # the largest number of breaks of one participant (the fairness term)


@dataclass(frozen=True)
class Result:
    status: Status
    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Id, ...]
    objective: Objective
    upper_bound_priority: int  # no valid schedule has a larger total priority
    seconds: float
    construction: Objective | None = None  # the objective of the greedy construction the solver started from


class Phase(StrEnum):
    CONSTRUCTION = "construction"  # the greedy schedule exists
    SEARCH = "search"  # CP-SAT (or the neighbourhood search) is improving it
    DONE = "done"  # solve() is about to return this schedule


@dataclass(frozen=True)
class Progress:
    """What `solve(..., on_progress=...)` reports while it works: the best schedule found so far.

    Reported after the greedy construction, at every improving schedule, as a heartbeat about twice a second
    while CP-SAT searches (after each round in neighbourhood search), and once at the end (`Phase.DONE`, with
    the returned objective). `seconds` never decreases from one report to the next.
    """

    phase: Phase
    seconds: float  # since solve() was called
    share: float  # seconds / time limit, capped at 1
    meetings: int  # meetings in the instance
    best: Objective | None  # the best schedule so far (None while no valid schedule is known)
    upper_bound_priority: int  # no schedule has more total priority (the tightest bound known so far)


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 60.0  # seconds, wall clock, for the whole call
    workers: int = 2
    seed: int = 0
    #: Interleaved search with a deterministic-time limit of 60% of the remaining time: the same inputs and
    #: seed give the same schedule, as long as that limit is reached before the wall-clock one (the usual case
    #: unless the machine is heavily loaded).
    deterministic: bool = True
    improve: bool = True  # False: return the greedy construction only
