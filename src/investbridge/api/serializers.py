"""Serializers shared by every API module: the error format, for the OpenAPI schema."""

from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, for programs: invalid, not_found, permission_denied, …")
    message = serializers.CharField(help_text="For people, in the language of Accept-Language.")
    # DRF's metaclass pops declared fields off the class, so this does not shadow Serializer.fields.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each invalid input field with its messages; empty unless code is invalid.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
