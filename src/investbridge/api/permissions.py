"""API permissions. The default is DenyAll: every view names the roles it admits."""

from typing import Any

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


Public = AllowAny
