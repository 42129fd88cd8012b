"""Serializer fields shared by the API modules."""

from typing import Any

from rest_framework import serializers

from investbridge.core.dates import validate_date
from investbridge.core.names import INVISIBLE_NAME, normalize_display_name


class DateField(serializers.DateField):
    """An input date limited to core.dates.MIN_DATE to MAX_DATE (400 `invalid` outside)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("validators", [validate_date])
        super().__init__(**kwargs)  # type: ignore[arg-type]


class NameField(serializers.CharField):
    """A person's or an organization's name, normalized by core.names.normalize_display_name (400 when only
    invisible characters were sent)."""

    default_error_messages = {"invisible": INVISIBLE_NAME}

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        normalized = normalize_display_name(text)
        if text and not normalized:
            self.fail("invisible")
        return normalized
