"""Serializer fields shared by the API modules."""

from rest_framework import serializers

from investbridge.core.dates import MAX_DATE, MIN_DATE, validate_date


class DateField(serializers.DateField):
    """An input date limited to core.dates.MIN_DATE to MAX_DATE (400 `invalid` outside)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("validators", [validate_date])
        super().__init__(**kwargs)  # type: ignore[arg-type]

    # The schema shows the range (drf-spectacular reads these).
    minimum = MIN_DATE
    maximum = MAX_DATE
