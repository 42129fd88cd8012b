"""The shared time-zone picker: a select of the zones the office's participants live in, grouped by region,
each labelled with its city in the reader's language (Babel's CLDR data) and its current UTC offset.

Any valid IANA zone is accepted (an API client, an old registration); a zone outside the list that a form
starts with is added to the select under "Other", so the participant's own zone is always preselected.
"""

import zoneinfo
from datetime import datetime
from functools import cache
from typing import Any

from babel.dates import get_timezone_location
from django import forms
from django.utils.translation import get_language, pgettext_lazy, to_locale
from django.utils.translation import gettext_lazy as _

#: (region label, zones) in the order the select shows them.
REGIONS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        pgettext_lazy("time zone region", "Russia"),
        (
            "Europe/Kaliningrad",
            "Europe/Moscow",
            "Europe/Samara",
            "Asia/Yekaterinburg",
            "Asia/Omsk",
            "Asia/Novosibirsk",
            "Asia/Krasnoyarsk",
            "Asia/Irkutsk",
            "Asia/Yakutsk",
            "Asia/Vladivostok",
            "Asia/Magadan",
            "Asia/Kamchatka",
        ),
    ),
    (
        pgettext_lazy("time zone region", "China"),
        ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei"),
    ),
    (
        pgettext_lazy("time zone region", "Central Asia, the Caucasus and Belarus"),
        (
            "Europe/Minsk",
            "Asia/Almaty",
            "Asia/Tashkent",
            "Asia/Bishkek",
            "Asia/Dushanbe",
            "Asia/Ashgabat",
            "Asia/Baku",
            "Asia/Yerevan",
            "Asia/Tbilisi",
            "Asia/Ulaanbaatar",
        ),
    ),
    (
        pgettext_lazy("time zone region", "Asia and the Middle East"),
        (
            "Asia/Tokyo",
            "Asia/Seoul",
            "Asia/Singapore",
            "Asia/Bangkok",
            "Asia/Ho_Chi_Minh",
            "Asia/Jakarta",
            "Asia/Kolkata",
            "Asia/Dubai",
            "Asia/Riyadh",
            "Europe/Istanbul",
        ),
    ),
    (
        pgettext_lazy("time zone region", "Europe"),
        ("Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Rome", "Europe/Madrid", "Europe/Warsaw"),
    ),
    (
        pgettext_lazy("time zone region", "Americas, Africa and Oceania"),
        (
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "America/Sao_Paulo",
            "Africa/Cairo",
            "Africa/Johannesburg",
            "Australia/Sydney",
        ),
    ),
    (pgettext_lazy("time zone region", "Universal time"), ("UTC",)),
)
LISTED = frozenset(zone for _region, zones in REGIONS for zone in zones)
OTHER = pgettext_lazy("time zone region", "Other")


@cache
def valid_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_valid_zone(name: str) -> bool:
    return name in valid_zones()


def _offset(zone: str) -> str:
    delta = datetime.now(zoneinfo.ZoneInfo(zone)).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@cache
def _city(zone: str, locale: str) -> str:
    if zone == "UTC":
        return str(pgettext_lazy("time zone", "Coordinated Universal Time"))
    try:
        return str(get_timezone_location(zone, locale=locale, return_city=True))
    except (LookupError, ValueError):
        return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(zone: str, language: str | None = None) -> str:
    """ "Москва (UTC+03:00)", "莫斯科 (UTC+03:00)", "Moscow (UTC+03:00)" in the reader's language."""
    locale = to_locale(language or get_language() or "en")
    if zone == "UTC":
        return _city(zone, locale)
    return f"{_city(zone, locale)} ({_offset(zone)})"


def zone_choices(extra: tuple[str, ...] = (), blank: Any = None) -> list[tuple[Any, Any]]:
    """The grouped choices in the active language; `extra` zones outside the list go under "Other"."""
    choices: list[tuple[Any, Any]] = [("", blank)] if blank is not None else []
    for region, zones in REGIONS:
        choices.append((region, [(zone, zone_label(zone)) for zone in zones]))
    others = sorted({zone for zone in extra if zone and zone not in LISTED and is_valid_zone(zone)})
    if others:
        choices.append((OTHER, [(zone, zone.replace("_", " ")) for zone in others]))
    return choices


class TimeZoneField(forms.ChoiceField):
    """A time zone picked from the common zones (grouped, labelled in the reader's language); any IANA zone
    is valid. `blank` (a label) adds an empty first choice. Call `include(zone)` with the zone the form starts
    with so that it is shown (and preselected) even when it is not in the common list."""

    default_error_messages = {"invalid_choice": _("Unknown time zone.")}

    def __init__(self, *, blank: Any = None, **kwargs: Any) -> None:
        self.blank = blank
        self.extra: tuple[str, ...] = ()
        kwargs.setdefault("required", blank is None)
        super().__init__(choices=self._choices_now, **kwargs)

    def _choices_now(self) -> list[tuple[Any, Any]]:
        return zone_choices(self.extra, self.blank)

    def include(self, zone: str | None) -> None:
        if zone:
            self.extra = (*self.extra, str(zone))

    def valid_value(self, value: Any) -> bool:
        return is_valid_zone(str(value))

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result.choices = result._choices_now
        return result
