"""Template tags of the events domain: times in both cities' zones (and the reader's own)."""

from datetime import datetime

from django import template
from django.utils import timezone

from investbridge.core.i18n import current_language
from investbridge.events.calendar import cities_of
from investbridge.events.models import Event
from investbridge.events.times import format_in_cities, format_range_in_cities

register = template.Library()


def _reader_zone(reader_zone: str | None) -> str:
    return reader_zone or timezone.get_current_timezone_name()


@register.simple_tag
def event_when(event: Event, reader_zone: str | None = None) -> str:
    """ "24 December 2020, 10:00 Moscow · 15:00 Haikou" (plus the reader's zone when different)."""
    language = current_language()
    return format_in_cities(
        event.starts_at,
        cities_of(event, language),
        language=language,
        reader_zone=_reader_zone(reader_zone),
        with_date=True,
    )


@register.simple_tag
def event_span(event: Event, starts_at: datetime, ends_at: datetime, reader_zone: str | None = None) -> str:
    """ "10:00–11:00 Moscow · 15:00–16:00 Haikou" for a session of the event."""
    language = current_language()
    return format_range_in_cities(
        starts_at,
        ends_at,
        cities_of(event, language),
        language=language,
        reader_zone=_reader_zone(reader_zone),
    )


@register.simple_tag
def event_time(event: Event, instant: datetime | None, reader_zone: str | None = None) -> str:
    if instant is None:
        return ""
    language = current_language()
    return format_in_cities(
        instant,
        cities_of(event, language),
        language=language,
        reader_zone=_reader_zone(reader_zone),
        with_date=True,
    )


@register.filter
def spoken_languages(codes: list[str] | None) -> str:
    """["ru", "zh"] -> "русский, китайский" in the reader's language."""
    from investbridge.core.i18n import language_name

    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def interpretation_labels(codes: list[str] | None) -> str:
    from investbridge.events.models import InterpretationDirection

    labels = dict(InterpretationDirection.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.simple_tag
def events_dashboard() -> dict[str, object]:
    """The next upcoming event and its counts, for the officers' dashboard panel."""
    from investbridge.events import selectors

    upcoming = selectors.upcoming_events().first()
    return {"next": upcoming, "counts": selectors.counts_of(upcoming) if upcoming else {}}
