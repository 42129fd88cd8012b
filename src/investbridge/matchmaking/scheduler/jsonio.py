"""The JSON instance format (documented in docs/scheduler.md, schema in data/instance.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema

from .errors import InstanceError
from .matching import interpreter_matching
from .model import Id, Instance, Interpreter, Meeting, Participant, Result, Slot


@cache
def instance_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a JSON instance."""
    text = resources.files(__package__).joinpath("data/instance.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _describe(data: Any, parts: list[Any]) -> str:
    """`meetings[3] (id "m4").priority` — the path, with the id of the list item when there is one."""
    text = ""
    node = data
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and "id" in node:
                text += f" (id {json.dumps(node['id'], ensure_ascii=False)})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text or "instance"


def _parse_time(value: str, element: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InstanceError(element, f"{value!r} is not an ISO 8601 date-time") from exc
    if moment.tzinfo is None:
        raise InstanceError(element, f"{value!r} has no UTC offset")
    return moment.astimezone(UTC)


def instance_from_dict(data: Any) -> Instance:
    """Validate `data` (parsed JSON) against the schema and the rules of the model; build an `Instance`.

    Raises `InstanceError` naming the first offending element.
    """
    validator = jsonschema.Draft202012Validator(instance_schema())
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path)))
    )
    if errors:
        error = errors[0]
        raise InstanceError(_describe(data, list(error.absolute_path)), error.message)
    slots = tuple(
        Slot(
            id=s["id"],
            start=_parse_time(s["start"], _describe(data, ["slots", i, "start"])),
            end=_parse_time(s["end"], _describe(data, ["slots", i, "end"])),
        )
        for i, s in enumerate(data["slots"])
    )
    participants = tuple(
        Participant(
            id=p["id"],
            timezone=p["timezone"],
            languages=frozenset(p.get("languages", ())),
            unavailable=frozenset(p.get("unavailable", ())),
        )
        for p in data["participants"]
    )
    interpreters = tuple(
        Interpreter(
            id=i["id"], languages=frozenset(i["languages"]), unavailable=frozenset(i.get("unavailable", ()))
        )
        for i in data.get("interpreters", ())
    )
    meetings = tuple(
        Meeting(
            id=m["id"],
            between=(m["between"][0], m["between"][1]),
            priority=m.get("priority", 1),
            fixed_slot=m.get("fixed_slot"),
        )
        for m in data["meetings"]
    )
    instance = Instance(
        slots=slots,
        rooms=data["rooms"],
        participants=participants,
        meetings=meetings,
        interpreters=interpreters,
    )
    validate_instance(instance)
    return instance


def _duplicates(ids: Iterable[Id]) -> Id | None:
    seen: set[Id] = set()
    for value in ids:
        if value in seen:
            return value
        seen.add(value)
    return None


def _label(kind: str, index: int, ident: Id) -> str:
    return f"{kind}[{index}] (id {json.dumps(ident, ensure_ascii=False)})"


def validate_instance(instance: Instance) -> None:
    """Check the rules a schema cannot express; raise `InstanceError` naming the offending element.

    Unique ids, existing references, valid time zones, slots that end after they start and do not
    overlap, distinct meeting sides, at most one meeting per pair, and fixed meetings that can all be held
    together (availability, one per participant and slot, rooms, interpreters).
    """
    if instance.rooms < 1:
        raise InstanceError("rooms", "must be at least 1")
    for kind, items in (
        ("slots", instance.slots),
        ("participants", instance.participants),
        ("interpreters", instance.interpreters),
        ("meetings", instance.meetings),
    ):
        dup = _duplicates(item.id for item in items)
        if dup is not None:
            raise InstanceError(kind, f"the id {json.dumps(dup, ensure_ascii=False)} is used twice")
    for i, slot in enumerate(instance.slots):
        if slot.start.tzinfo is None or slot.end.tzinfo is None:
            raise InstanceError(_label("slots", i, slot.id), "start and end must carry a time zone")
        if slot.end <= slot.start:
            raise InstanceError(_label("slots", i, slot.id), "ends before it starts")
        if i and instance.slots[i - 1].end > slot.start:
            raise InstanceError(
                _label("slots", i, slot.id),
                f"overlaps slot {json.dumps(instance.slots[i - 1].id, ensure_ascii=False)}",
            )
    for i, person in enumerate(instance.participants):
        try:
            ZoneInfo(person.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InstanceError(
                _label("participants", i, person.id), f"unknown IANA time zone {person.timezone!r}"
            ) from exc
        unknown = sorted(map(str, person.unavailable - instance.slot_index.keys()))
        if unknown:
            raise InstanceError(
                _label("participants", i, person.id), f"unavailable names unknown slot {unknown[0]}"
            )
    for i, interpreter in enumerate(instance.interpreters):
        unknown = sorted(map(str, interpreter.unavailable - instance.slot_index.keys()))
        if unknown:
            raise InstanceError(
                _label("interpreters", i, interpreter.id), f"unavailable names unknown slot {unknown[0]}"
            )
    pairs: set[frozenset[Id]] = set()
    for i, meeting in enumerate(instance.meetings):
        label = _label("meetings", i, meeting.id)
        a, b = meeting.between
        for side in (a, b):
            if side not in instance.participant_by_id:
                raise InstanceError(
                    label, f"names unknown participant {json.dumps(side, ensure_ascii=False)}"
                )
        if a == b:
            raise InstanceError(label, "is between a participant and itself")
        pair = frozenset((a, b))
        if pair in pairs:
            raise InstanceError(label, "repeats a meeting between the same two participants")
        pairs.add(pair)
        if meeting.priority < 1:
            raise InstanceError(label, "priority must be at least 1")
        if meeting.fixed_slot is not None:
            if meeting.fixed_slot not in instance.slot_index:
                raise InstanceError(label, f"fixed_slot names unknown slot {meeting.fixed_slot!r}")
            for side in (a, b):
                if meeting.fixed_slot in instance.participant_by_id[side].unavailable:
                    raise InstanceError(
                        label,
                        f"is fixed in slot {meeting.fixed_slot!r} where participant {side!r} is unavailable",
                    )
            if instance.needs_interpreter(meeting) and not any(
                instance.can_interpret(t, meeting) and meeting.fixed_slot not in t.unavailable
                for t in instance.interpreters
            ):
                raise InstanceError(
                    label, f"needs an interpreter, and none is available in slot {meeting.fixed_slot!r}"
                )
    _validate_fixed_together(instance)


def _validate_fixed_together(instance: Instance) -> None:
    by_slot: dict[Id, list[int]] = {}
    for i, meeting in enumerate(instance.meetings):
        if meeting.fixed_slot is not None:
            by_slot.setdefault(meeting.fixed_slot, []).append(i)
    for slot_id, indices in by_slot.items():
        if len(indices) > instance.rooms:
            i = indices[instance.rooms]
            raise InstanceError(
                _label("meetings", i, instance.meetings[i].id),
                f"slot {slot_id!r} has more fixed meetings than the {instance.rooms} rooms",
            )
        busy: dict[Id, int] = {}
        for i in indices:
            for side in instance.meetings[i].between:
                if side in busy:
                    raise InstanceError(
                        _label("meetings", i, instance.meetings[i].id),
                        f"is fixed in slot {slot_id!r} where participant {side!r} already has fixed meeting "
                        f"{instance.meetings[busy[side]].id!r}",
                    )
                busy[side] = i
        needing = [instance.meetings[i] for i in indices if instance.needs_interpreter(instance.meetings[i])]
        if needing and interpreter_matching(instance, needing, slot_id) is None:
            raise InstanceError(
                _label("meetings", indices[-1], instance.meetings[indices[-1]].id),
                f"slot {slot_id!r} has more fixed meetings needing an interpreter than interpreters can serve",
            )


def load_instance(text: str) -> Instance:
    """Parse a JSON document and build a validated `Instance`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}") from exc
    return instance_from_dict(data)


def result_to_dict(result: Result) -> dict[str, Any]:
    """The result as the CLI prints it (see docs/scheduler.md)."""
    return {
        "status": result.status.value,
        "assignments": [
            {"meeting": a.meeting, "slot": a.slot, "room": a.room, "interpreter": a.interpreter}
            for a in result.assignments
        ],
        "unscheduled": list(result.unscheduled),
        "objective": {
            "priority": result.objective.priority,
            "scheduled": result.objective.scheduled,
            "breaks": result.objective.breaks,
        },
        "upper_bound": {"priority": result.upper_bound_priority},
        "seconds": round(result.seconds, 3),
    }
