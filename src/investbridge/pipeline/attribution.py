"""Attribution: which events a lead's people attended and which registered company a lead became.

Both answers come from other domains' selectors (`events.selectors.events_attended_by`,
`statistics.selectors.registered_entities_by_uscc` / `registered_entity_by_uscc`). When a domain does not
provide them (yet), these functions answer "not available" instead of failing, and the pages say so.
"""

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class EventRef:
    id: int
    title: str
    starts_at: Any = None


@dataclass(frozen=True)
class EntityRef:
    uscc: str
    name: str
    registered_on: Any = None
    raw: Any = None


def _selectors(domain: str, function: str) -> ModuleType | None:
    try:
        module = importlib.import_module(f"investbridge.{domain}.selectors")
    except ImportError:
        return None
    return module if hasattr(module, function) else None


def events_available() -> bool:
    return _selectors("events", "events_attended_by") is not None


def registry_available() -> bool:
    return _selectors("statistics", "registered_entity_by_uscc") is not None


def _attr(item: Any, *names: str) -> Any:
    for name in names:
        if isinstance(item, dict) and name in item:
            return item[name]
        if hasattr(item, name):
            return getattr(item, name)
    return None


def _event_ref(item: Any) -> EventRef:
    identifier = _attr(item, "pk", "id", "event_id")
    title = _attr(item, "title", "name")
    return EventRef(
        id=int(identifier),
        title=str(title if title is not None else item),
        starts_at=_attr(item, "starts_at", "start", "date"),
    )


def events_attended_by(person_ids: list[int]) -> list[EventRef] | None:
    """The events any of these people attended (None when the events domain cannot tell)."""
    module = _selectors("events", "events_attended_by")
    if module is None:
        return None
    if not person_ids:
        return []
    result = module.events_attended_by(person_ids=list(person_ids))
    if isinstance(result, dict):
        result = result.values()
    seen: dict[int, EventRef] = {}
    for item in result:
        ref = _event_ref(item)
        seen.setdefault(ref.id, ref)
    return list(seen.values())


def _entity_ref(uscc: str, item: Any) -> EntityRef:
    name = _attr(item, "name", "name_zh", "company_name", "title")
    return EntityRef(
        uscc=uscc,
        name=str(name if name is not None else item),
        registered_on=_attr(item, "registered_on", "established_on", "registration_date", "date"),
        raw=item,
    )


def registered_entity(uscc: str) -> EntityRef | None:
    module = _selectors("statistics", "registered_entity_by_uscc")
    if module is None or not uscc:
        return None
    item = module.registered_entity_by_uscc(uscc=uscc)
    return None if item is None else _entity_ref(uscc, item)


def registered_entities(usccs: list[str]) -> dict[str, EntityRef] | None:
    """USCC -> registered entity, for those found in the registry (None when the registry is not there)."""
    module = _selectors("statistics", "registered_entities_by_uscc")
    if module is None:
        return None
    if not usccs:
        return {}
    result = module.registered_entities_by_uscc(usccs=list(usccs))
    found: dict[str, EntityRef] = {}
    if isinstance(result, dict):
        for key, item in result.items():
            found[str(key)] = _entity_ref(str(key), item)
    else:
        for item in result:
            code = _attr(item, "uscc", "code")
            if code:
                found[str(code)] = _entity_ref(str(code), item)
    return found


def _events_module(function: str) -> ModuleType | None:
    return _selectors("events", function)


def event_title(event_id: int) -> str | None:
    """An event's title by its id (None when the events domain cannot tell)."""
    module = _events_module("all_events")
    if module is None:
        return None
    event = module.all_events().filter(pk=event_id).first()
    return None if event is None else str(_attr(event, "title") or event)


def event_choices() -> list[tuple[int, str]]:
    """(id, title) of every event, latest first, for choosing the event a lead came from."""
    module = _events_module("all_events")
    if module is None:
        return []
    return [(int(event.pk), str(event.title or event)) for event in module.all_events()]


def all_event_refs() -> list[EventRef]:
    module = _events_module("all_events")
    if module is None:
        return []
    return [_event_ref(event) for event in module.all_events()]


def registrant_counts(event_ids: list[int]) -> dict[int, int] | None:
    """Confirmed registrants per event (None when the events domain cannot tell)."""
    module = _events_module("all_events")
    if module is None:
        return None
    counts: dict[int, int] = {}
    for event in module.all_events().filter(pk__in=list(event_ids)):
        counts[int(event.pk)] = int(module.counts_of(event)["confirmed"])
    return counts


def event_by_slug(slug: str) -> EventRef | None:
    module = _events_module("all_events")
    if module is None:
        return None
    event = module.all_events().filter(slug=slug).first()
    return None if event is None else _event_ref(event)


def event_attendees(event_id: int) -> list[tuple[Any, Any]]:
    """(person, organization) of each registrant recorded as attending the event."""
    module = _events_module("confirmed_registrations")
    if module is None:
        return []
    event = module.all_events().filter(pk=event_id).first()
    if event is None:
        return []
    registrations = module.confirmed_registrations(event=event).filter(attended=True)
    return [(registration.person, registration.organization) for registration in registrations]
