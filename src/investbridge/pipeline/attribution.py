"""Attribution: which events a lead's people attended and which registered company a lead became.

Both answers come from other domains' selectors (`events.selectors.events_attended_by`,
`statistics.selectors.registered_entities_by_uscc` / `registered_entity_by_uscc`). When a domain does not
provide them (yet), these functions answer "not available" instead of failing, and the pages say so.
"""

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.core.exceptions import ObjectDoesNotExist


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


def event_title(event_id: int) -> str | None:
    """An event's title by its id, when the events domain offers a way to read one."""
    try:
        module = importlib.import_module("investbridge.events.selectors")
    except ImportError:
        return None
    for name in ("event_get", "event_by_id", "event_detail"):
        function = getattr(module, name, None)
        if function is None:
            continue
        try:
            item = function(event_id=event_id)
        except (ObjectDoesNotExist, LookupError, TypeError, ValueError):
            return None
        return None if item is None else str(_attr(item, "title", "name") or item)
    return None


def registrant_counts(event_ids: list[int]) -> dict[int, int] | None:
    """Registrants per event, when the events domain offers the count."""
    try:
        module = importlib.import_module("investbridge.events.selectors")
    except ImportError:
        return None
    function = getattr(module, "registration_counts", None) or getattr(module, "registrant_counts", None)
    if function is None:
        return None
    return {int(key): int(value) for key, value in function(event_ids=list(event_ids)).items()}
