"""Serializers shared by every API module: the error format, for the OpenAPI schema, and shared fields."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

#: The messages of one invalid field: a list of messages; for a list field, its invalid items by index (as an
#: object, {"0": ["…"]}); for a nested object, the same structure again per field.
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [
            {
                "type": "array",
                "items": {"oneOf": [{"type": "string"}, {"type": "object"}, {"type": "array"}]},
            },
            {"type": "object"},
        ]
    },
}


@extend_schema_field(FIELD_ERRORS_SCHEMA)
class FieldErrorsField(serializers.DictField):
    pass


#: The largest value a PositiveIntegerField holds on every database (PostgreSQL's integer); inputs stored in
#: one are bounded by it, so a larger number is refused (400) instead of failing in the database.
POSITIVE_INT_MAX = 2_147_483_647


@extend_schema_field({"type": "boolean", "enum": [True]})
class RequiredConsentField(serializers.BooleanField):
    """A consent that must be given: the schema admits only true; the serializer's validation says why in the
    caller's language."""


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, for programs: invalid, not_found, permission_denied, …")
    message = serializers.CharField(help_text="For people, in the language of Accept-Language.")
    # DRF's metaclass pops declared fields off the class, so this does not shadow Serializer.fields.
    fields = FieldErrorsField(  # type: ignore[assignment]
        help_text=(
            "Each invalid input field with its messages (a list); the items of a list field or the fields of a "
            "nested object map to their own messages in the same way. Empty unless code is invalid."
        ),
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
