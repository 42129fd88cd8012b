"""The bridge between the database and the pure scheduler engine (`matchmaking.scheduler`).

`build_instance(event)` turns the event's slots, rooms, interpreters, participants and accepted requests into a
`scheduler.Instance` (locked meetings become `locked` assignments); `schedule(event, ...)` solves it, validates
the result with the engine's independent checker and only then saves the draft (slot, room, interpreter) of
every meeting in one transaction. Room numbers 1..R are the event's rooms in id order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from investbridge.matchmaking import scheduler
from investbridge.matchmaking.models import Interpreter, Meeting, Profile, RequestStatus, Room, Slot


class ScheduleError(Exception):
    """The schedule could not be computed or did not pass the checker; the draft is unchanged."""


@dataclass(frozen=True)
class Built:
    instance: scheduler.Instance
    locked: tuple[scheduler.Assignment, ...]
    meetings: dict[int, Meeting]
    rooms: list[Room]


@dataclass(frozen=True)
class Outcome:
    status: str
    scheduled: int
    unscheduled: int
    breaks: int
    priority: int
    upper_bound: int
    seconds: float


def build_instance(*, event: Any) -> Built:
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    rooms = list(Room.objects.filter(event=event).order_by("pk"))
    meetings = {
        m.pk: m
        for m in Meeting.objects.filter(event=event, request__status=RequestStatus.ACCEPTED).select_related(
            "request"
        )
    }
    profile_ids = {pid for m in meetings.values() for pid in (m.request.requester_id, m.request.recipient_id)}
    profiles = Profile.objects.filter(pk__in=profile_ids).prefetch_related("unavailable_slots")
    participants = tuple(
        scheduler.Participant(
            id=p.pk,
            timezone=p.time_zone,
            languages=frozenset(p.languages),
            unavailable=frozenset(s.pk for s in p.unavailable_slots.all()),
        )
        for p in profiles
    )
    interpreters = tuple(
        scheduler.Interpreter(
            id=i.pk,
            languages=frozenset(i.languages),
            unavailable=frozenset(s.pk for s in i.unavailable_slots.all()),
        )
        for i in Interpreter.objects.filter(event=event).prefetch_related("unavailable_slots")
    )
    room_number = {room.pk: index + 1 for index, room in enumerate(rooms)}
    locked = tuple(
        scheduler.Assignment(
            meeting=m.pk, slot=m.slot_id, room=room_number[m.room_id], interpreter=m.interpreter_id
        )
        for m in meetings.values()
        if m.locked and m.slot_id is not None and m.room_id in room_number
    )
    instance = scheduler.Instance(
        slots=tuple(scheduler.Slot(id=s.pk, start=s.starts_at, end=s.ends_at) for s in slots),
        rooms=len(rooms),
        participants=participants,
        meetings=tuple(
            scheduler.Meeting(
                id=m.pk,
                between=(m.request.requester_id, m.request.recipient_id),
                priority=max(1, m.request.priority),
            )
            for m in sorted(meetings.values(), key=lambda m: m.pk)
        ),
        interpreters=interpreters,
    )
    return Built(instance=instance, locked=locked, meetings=meetings, rooms=rooms)


def schedule(
    *,
    event: Any,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    on_progress: Callable[[scheduler.Progress], None] | None = None,
) -> Outcome:
    """Solve the event's schedule and save the draft. `on_progress` receives the engine's reports (the best
    schedule so far, the share of the time limit used) in this thread; see `scheduler.solve`."""
    built = build_instance(event=event)
    if not built.instance.slots or not built.rooms:
        raise ScheduleError(_("Configure time slots and rooms first."))
    try:
        scheduler.validate_instance(built.instance)
    except scheduler.InstanceError as error:
        raise ScheduleError(_("The data cannot be scheduled: %(error)s") % {"error": error}) from error
    result = scheduler.solve(
        built.instance,
        options=scheduler.SolveOptions(time_limit=time_limit, workers=workers, seed=seed),
        locked=built.locked,
        on_progress=on_progress,
    )
    if result.status in (scheduler.Status.INFEASIBLE, scheduler.Status.UNKNOWN):
        raise ScheduleError(
            _(
                "No schedule keeps all locked meetings in place (solver: %(status)s). Unlock some and run again."
            )
            % {"status": result.status.value}
        )
    report = scheduler.check_schedule(built.instance, result.assignments)
    if not report.ok:
        raise ScheduleError(
            _("The computed schedule failed the check: %(problem)s") % {"problem": report.violations[0]}
        )
    _save(built, result)
    return Outcome(
        status=result.status.value,
        scheduled=report.objective.scheduled,
        unscheduled=len(result.unscheduled),
        breaks=report.objective.breaks,
        priority=report.objective.priority,
        upper_bound=result.upper_bound_priority,
        seconds=round(result.seconds, 2),
    )


@transaction.atomic
def _save(built: Built, result: scheduler.Result) -> None:
    placed = {a.meeting: a for a in result.assignments}
    for meeting_id, meeting in built.meetings.items():
        assignment = placed.get(meeting_id)
        if assignment is None:
            values: dict[str, Any] = {"slot": None, "room": None, "interpreter": None, "locked": False}
        else:
            values = {
                "slot_id": assignment.slot,
                "room_id": built.rooms[assignment.room - 1].pk,
                "interpreter_id": assignment.interpreter,
            }
        Meeting.objects.filter(pk=meeting.pk).update(**values)
