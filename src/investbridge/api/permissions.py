"""API permissions. The default is DenyAll: every view names the roles it admits."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request

from investbridge.core.permissions import has_role
from investbridge.core.roles import Role


class DenyAll(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return False


class IsOfficer(BasePermission):
    """Promotion officers and administrators."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.OFFICER, Role.ADMIN)


class IsPartner(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.PARTNER)


class IsOfficerOrPartner(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.OFFICER, Role.ADMIN, Role.PARTNER)


class IsAuthenticatedUser(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


class MessageTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class InboundMailSigned(BasePermission):
    """A mail server holding `INVESTBRIDGE_INBOUND_WEBHOOK_SECRET`: the body's HMAC-SHA256 with the secret, as
    `X-InvestBridge-Signature: sha256=<hex>`. Nobody while the secret is empty. The body is read once, at most
    `INBOUND_MAIL_MAX_SIZE` bytes (413 beyond), and kept for the view (`body(request)`)."""

    message = "The signature is missing or wrong."

    @staticmethod
    def body(request: Request) -> bytes:
        cached = getattr(request._request, "_investbridge_inbound_body", None)
        if cached is not None:
            return bytes(cached)
        limit = settings.INBOUND_MAIL_MAX_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        too_large = _("The message is larger than the limit of %(limit)s bytes.") % {"limit": limit}
        if declared > limit:
            raise MessageTooLarge(too_large)
        data = request._request.read(limit + 1)
        if len(data) > limit:
            raise MessageTooLarge(too_large)
        request._request._investbridge_inbound_body = data  # type: ignore[attr-defined]
        return data

    def has_permission(self, request: Request, view: Any) -> bool:
        secret = settings.INBOUND_WEBHOOK_SECRET
        if not secret:
            return False
        given = str(request.META.get("HTTP_X_INVESTBRIDGE_SIGNATURE", ""))
        expected = "sha256=" + hmac.new(secret.encode(), self.body(request), hashlib.sha256).hexdigest()
        return hmac.compare_digest(given.encode(), expected.encode())


Public = AllowAny
