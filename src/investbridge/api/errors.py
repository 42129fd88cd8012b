"""One error format for the whole API, with messages in the requested language (Accept-Language).

    {"error": {"code": "not_found", "message": "…", "fields": {"email": ["…"]}}}

`code` is stable and meant for programs (invalid, not_authenticated, authentication_failed, permission_denied,
not_found, method_not_allowed, too_large, unsupported_media_type, throttled, parse_error, service_unavailable, …); `message` is for
people, in
the language the request asked for; `fields` maps each invalid input field to its messages (empty otherwise).
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from investbridge.api.parsers import RequestTooLarge
from investbridge.core import unavailable


def _messages(detail: Any) -> Any:
    """DRF's error detail as plain JSON: dicts of lists of strings (nested serializers keep their nesting)."""
    if isinstance(detail, dict):
        return {str(key): _messages(value) for key, value in detail.items()}
    if isinstance(detail, list | tuple):
        if any(isinstance(item, dict | list) for item in detail):
            return [_messages(item) for item in detail]
        return [str(item) for item in detail]
    return [str(detail)]


def _first_message(fields: Any) -> str:
    if isinstance(fields, dict):
        for value in fields.values():
            if message := _first_message(value):
                return message
        return ""
    if isinstance(fields, list):
        for item in fields:
            if message := _first_message(item):
                return message
        return ""
    return str(fields)


def _as_drf(exc: Exception) -> Exception:
    """Django's own exceptions, raised by services and shortcuts, as DRF exceptions with their message."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(exc.args[0] if exc.args and exc.args[0] else None)
    return exc


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if unavailable.is_database_unavailable(exc):
        # A locked or unreachable database: 503 at once, in the caller's language (core/unavailable.py).
        set_rollback()
        return Response(
            error_body(unavailable.ERROR_CODE, unavailable.unavailable_message()),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(unavailable.RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
        )
    exc = _as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        fields = (
            _messages(exc.detail)
            if isinstance(exc.detail, dict)
            else {"non_field_errors": _messages(exc.detail)}
        )
        response.data = error_body("invalid", _first_message(fields), fields)
    else:
        detail = exc.detail
        code = getattr(detail, "code", None) or exc.default_code
        response.data = error_body(str(code), _first_message(_messages(detail)))
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = "Token"
    return response
