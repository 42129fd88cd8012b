"""Dates that people type: one sane range for every date and date-time input, and a limit on periods.

Python's dates end at years 1 and 9999, so a date near either end overflows as soon as it is moved into a
time zone, a year back for a comparison, or handed to the database or DuckDB (a 500). Every date field of the
pages and the API accepts only MIN_DATE to MAX_DATE, far from both ends and wide enough for any real record;
a period that is computed over (reports) is at most MAX_PERIOD_YEARS long.

Use `DateField`/`DateTimeField` below in forms (or in a ModelForm's `Meta.field_classes`), `validate_date` as a
validator anywhere else, and `validate_period` in a form's `clean()` for ranges. The API's serializer fields are
in `api/fields.py`.
"""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)
MAX_PERIOD_YEARS = 100


def validate_date(value: date | datetime | None) -> None:
    """Refuse a date (or the date of a date-time) outside MIN_DATE to MAX_DATE."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            _("Enter a date from %(min)s to %(max)s.")
            % {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()},
            code="date_out_of_range",
        )


def validate_period(start: date | None, end: date | None, *, max_years: int = MAX_PERIOD_YEARS) -> None:
    """Refuse a period longer than `max_years` years (both ends already validated one by one)."""
    if start is None or end is None:
        return
    if (end - start).days > max_years * 366:
        raise ValidationError(
            ngettext(
                "The period is too long: at most %(years)s year.",
                "The period is too long: at most %(years)s years.",
                max_years,
            )
            % {"years": max_years},
            code="period_too_long",
        )


class DateField(forms.DateField):
    """A form date limited to MIN_DATE to MAX_DATE."""

    default_validators = [validate_date]


class DateTimeField(forms.DateTimeField):
    """A form date-time whose date is within MIN_DATE to MAX_DATE (so every time zone can show it)."""

    default_validators = [validate_date]


def sane_date_field_classes(*names: str, with_time: bool = False) -> dict[str, Any]:
    """`Meta.field_classes` for a ModelForm: the named model date (or date-time) fields use the fields above."""
    return dict.fromkeys(names, DateTimeField if with_time else DateField)
