"""The OpenAPI schema's generator: drf-spectacular's, plus the error responses every operation can give.

Each view documents its successful responses (and any error it wants to describe in its own words); this class adds
the errors that come from the API's machinery rather than from the view, all in the one error format
(`api.serializers.ErrorSerializer`, the `Error` component):

- 400 `invalid`/`parse_error`: the operation takes a body or parameters;
- 401 `not_authenticated`/`authentication_failed`: the view authenticates (an unknown token is refused even on a
  public endpoint);
- 403 `permission_denied`: the view admits only some roles, or the method writes (a session without its CSRF token);
- 404 `not_found`: the address names an object;
- 415 `unsupported_media_type`: the operation takes a body;
- 429 `throttled`: the view is rate-limited.

An error response a view declares without a body gets the error format too, so every 4xx/5xx of the schema has one.

Besides, an operation whose permission admits anonymous callers (e.g. a public POST next to an officers' GET) says
so in its security, and a decimal input is described as DRF reads it: a JSON number or a decimal string.
"""

from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.serializers import PolymorphicProxySerializerExtension
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from investbridge.api.serializers import ErrorSerializer

_DESCRIPTIONS = {
    "400": "Invalid input (code invalid, with the fields) or a body that is not JSON (parse_error).",
    "401": "No token or session where one is needed (not_authenticated), or an unknown token (authentication_failed).",
    "403": "The signed-in user's role may not do this, or a session request lacks its CSRF token (permission_denied).",
    "404": "No such object, or none the user may see (not_found).",
    "415": "The body is not in a supported media type, e.g. application/json (unsupported_media_type).",
    "429": "Too many requests (throttled); Retry-After gives the seconds to wait.",
}
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ShapesByRoleSerializer(PolymorphicProxySerializer):
    """A response whose shape depends on the caller's role, where one shape may be a subset of another (so the
    schema says anyOf rather than oneOf). Use it like drf-spectacular's PolymorphicProxySerializer."""


class ShapesByRoleExtension(PolymorphicProxySerializerExtension):
    target_class = "investbridge.api.schema.ShapesByRoleSerializer"
    priority = 0

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema = super().map_serializer(auto_schema, direction)
        return {"anyOf": schema.pop("oneOf"), **schema}


def _decimal_input_schema(field: serializers.DecimalField) -> dict[str, Any]:
    """What DRF's DecimalField accepts: a JSON number or a string, within its digits and bounds."""
    whole = field.max_whole_digits if field.max_whole_digits is not None else 15
    places = field.decimal_places if field.decimal_places is not None else 6
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    # DRF strips surrounding white space, and reads a blank string as null where null is allowed.
    optional = "?" if field.allow_null else ""
    pattern = rf"^\s*(?:{sign}(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})){optional}\s*$"
    number: dict[str, Any] = {"type": "number", "exclusiveMaximum": True, "maximum": 10**whole}
    number["minimum"] = float(field.min_value) if field.min_value is not None else -(10**whole)
    if field.min_value is None:
        number["exclusiveMinimum"] = True
    if field.max_value is not None:
        number.update(maximum=float(field.max_value), exclusiveMaximum=False)
    if places:
        number["multipleOf"] = float(f"1e-{places}")
    return {"oneOf": [{"type": "string", "format": "decimal", "pattern": pattern}, number]}


class AutoSchema(SpectacularAutoSchema):
    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        if {} not in auths and self._admits_anonymous():
            auths.append({})
        return auths

    def _admits_anonymous(self) -> bool:
        request: Any = SimpleNamespace(method=self.method, user=AnonymousUser(), auth=None)
        try:
            return all(
                permission.has_permission(request, self.view) for permission in self.view.get_permissions()
            )
        except Exception:  # a permission that needs more of a request than this: not for anonymous callers
            return False

    def _map_serializer_field(self, field: Any, direction: Any, bypass_extensions: bool = False) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions=bypass_extensions)
        if direction == "request" and isinstance(field, serializers.DecimalField):
            described = {key: schema[key] for key in ("description", "nullable", "default") if key in schema}
            return {**_decimal_input_schema(field), **described}
        return schema

    def _error_statuses(self) -> list[str]:
        view = self.view
        has_body = self.method not in _SAFE_METHODS and self.method != "DELETE"
        parameters = [p for p in self._get_parameters() if p.get("in") in ("query", "path")]
        has_path_parameters = any(p.get("in") == "path" for p in parameters)
        permissions = getattr(view, "permission_classes", [])
        public = bool(permissions) and all(
            isinstance(permission, type) and issubclass(permission, AllowAny) for permission in permissions
        )
        statuses = []
        if has_body or parameters:
            statuses.append("400")
        if getattr(view, "authentication_classes", None):
            statuses.append("401")
        if not public or self.method not in _SAFE_METHODS:
            statuses.append("403")
        if has_path_parameters:
            statuses.append("404")
        if has_body:
            statuses.append("415")
        if getattr(view, "throttle_classes", None):
            statuses.append("429")
        return statuses

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction=direction)
        if direction != "response":
            return responses
        for code, response in list(responses.items()):
            if code >= "400" and "content" not in response:
                error = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                responses[code] = {**error, "description": response.get("description") or ""}
        for code in self._error_statuses():
            if code not in responses:
                error = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                responses[code] = {**error, "description": _DESCRIPTIONS[code]}
        return dict(sorted(responses.items()))
