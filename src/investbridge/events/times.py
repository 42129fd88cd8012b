"""Times for every reader: one UTC instant shown in both cities' zones side by side, plus the reader's own zone.

Pure functions (Babel and zoneinfo only, no database): `format_in_cities(instant, cities, language=...)` gives
"10:00 Moscow · 15:00 Haikou"; a city whose local date differs from the first city's also shows its date, and
the reader's zone is appended when it is not one of the cities' zones. DST is handled by zoneinfo: the offset
is the one in force at that instant in that zone.
"""

import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from babel import Locale, dates
from django.utils.translation import gettext as _
from django.utils.translation import override

#: Django language code -> Babel locale identifier (the same table as core.i18n, kept here so this stays pure).
_BABEL = {"ru": "ru_RU", "zh-hans": "zh_Hans_CN", "en": "en_GB"}


@dataclass(frozen=True)
class City:
    """A place whose clock a reader needs: its name (already in the reader's language) and IANA zone."""

    name: str
    zone: str


@dataclass(frozen=True)
class LocalTime:
    label: str
    zone: str
    local: datetime
    #: The local calendar date differs from the first city's.
    other_day: bool


def _locale(language: str) -> Locale:
    return Locale.parse(_BABEL.get(language, "en_GB"))


def zone_city_name(zone: str, language: str) -> str:
    """The exemplar city of an IANA zone in the language ("Europe/Berlin" -> "Берлин" in Russian)."""
    return str(
        dates.get_timezone_location(zoneinfo.ZoneInfo(zone), locale=_locale(language), return_city=True)
    )


def local_times(
    instant: datetime, cities: Sequence[City], *, language: str, reader_zone: str | None = None
) -> list[LocalTime]:
    """The instant in each city's zone, then in the reader's zone when it is none of them."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    utc = instant.astimezone(UTC)
    places = list(cities)
    if reader_zone and reader_zone not in {city.zone for city in places}:
        places.append(City(name=zone_city_name(reader_zone, language), zone=reader_zone))
    result: list[LocalTime] = []
    first_date = None
    for place in places:
        local = utc.astimezone(zoneinfo.ZoneInfo(place.zone))
        if first_date is None:
            first_date = local.date()
        result.append(LocalTime(place.name, place.zone, local, other_day=local.date() != first_date))
    return result


def format_time(local: datetime, language: str) -> str:
    return str(dates.format_time(local, format="short", locale=_locale(language)))


def format_day(local: datetime, language: str, format: str = "long") -> str:
    return str(dates.format_date(local.date(), format=format, locale=_locale(language)))


def format_in_cities(
    instant: datetime,
    cities: Sequence[City],
    *,
    language: str,
    reader_zone: str | None = None,
    with_date: bool = False,
) -> str:
    """ "10:00 Moscow · 15:00 Haikou" (and " · 09:00 Berlin" for a reader there), in the reader's language.

    With `with_date`, the first city's date leads ("24 December 2020, 10:00 Moscow · 15:00 Haikou").
    """
    times = local_times(instant, cities, language=language, reader_zone=reader_zone)
    with override(language):
        parts = []
        for item in times:
            time = format_time(item.local, language)
            if item.other_day:
                parts.append(
                    _("%(time)s %(city)s (%(date)s)")
                    % {"time": time, "city": item.label, "date": format_day(item.local, language, "d MMM")}
                )
            else:
                parts.append(_("%(time)s %(city)s") % {"time": time, "city": item.label})
        line = " · ".join(parts)
        if with_date and times:
            return _("%(date)s, %(times)s") % {"date": format_day(times[0].local, language), "times": line}
        return line


def format_range_in_cities(
    starts_at: datetime,
    ends_at: datetime,
    cities: Sequence[City],
    *,
    language: str,
    reader_zone: str | None = None,
) -> str:
    """ "10:00–12:00 Moscow · 15:00–17:00 Haikou": a session's start and end in each zone."""
    starts = local_times(starts_at, cities, language=language, reader_zone=reader_zone)
    ends = local_times(ends_at, cities, language=language, reader_zone=reader_zone)
    with override(language):
        parts = []
        for start, end in zip(starts, ends, strict=True):
            span = f"{format_time(start.local, language)}–{format_time(end.local, language)}"
            if start.other_day:
                parts.append(
                    _("%(time)s %(city)s (%(date)s)")
                    % {"time": span, "city": start.label, "date": format_day(start.local, language, "d MMM")}
                )
            else:
                parts.append(_("%(time)s %(city)s") % {"time": span, "city": start.label})
        return " · ".join(parts)
