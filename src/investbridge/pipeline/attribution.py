"""Attribution: the events a lead's people attended, the event a lead came from and the registered company a lead
or set-up case became.

The events and statistics domains are below the pipeline in the layer order (docs/architecture.md), so this module
reads them through their selectors, imported directly; a lead's source event is a foreign key
(`Lead.source_event`).
"""

from collections.abc import Iterable

from investbridge.events import selectors as event_selectors
from investbridge.events.models import Event
from investbridge.statistics import selectors as statistics_selectors
from investbridge.statistics.models import RegisteredEntity


def events_available() -> bool:
    """Whether attendance has been recorded at any event yet; until then no lead can be linked to an event its
    people attended, and the pages say so."""
    return event_selectors.attendance_recorded()


def registry_available() -> bool:
    """Whether the company registry has been imported yet; until then no lead can be found in it."""
    return statistics_selectors.registry_loaded()


def events_attended_by(person_ids: Iterable[int]) -> list[Event]:
    """The events any of these people attended, latest first, each once."""
    return list(event_selectors.events_attended_by(person_ids=person_ids))


def all_events() -> list[Event]:
    """Every event, latest first, with its registration counts (`event_selectors.counts_of`)."""
    return list(event_selectors.all_events())


def registrant_count(event: Event) -> int:
    """The event's confirmed registrants."""
    return event_selectors.counts_of(event)["confirmed"]


def event_choices() -> list[tuple[int, str]]:
    """(id, title) of every event, latest first, for choosing the event a lead came from."""
    return [(event.pk, str(event)) for event in event_selectors.all_events()]


def registered_entity(uscc: str) -> RegisteredEntity | None:
    return statistics_selectors.registered_entity_by_uscc(uscc=uscc) if uscc else None


def registered_entities(usccs: Iterable[str]) -> dict[str, RegisteredEntity]:
    """USCC -> registered entity, for the codes found in the registry."""
    return statistics_selectors.registered_entities_by_uscc(usccs=usccs)
