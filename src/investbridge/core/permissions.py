"""Explicit permissions for views and services.

Every view is wrapped in exactly one of `public_view`, `login_required_view` or `role_required(...)`;
`tests/web/test_permission_coverage.py` walks the URL configuration and fails on any view without one.
Services call `require_role` themselves, so a permission holds whichever interface calls them.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from investbridge.core.roles import Role

PERMISSION_ATTR = "investbridge_permission"


def has_role(user: Any, *roles: str) -> bool:
    """True when an active, signed-in user has one of the roles (administrators pass officer checks)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    role = getattr(user, "role", None)
    if role == Role.ADMIN or user.is_superuser:
        return Role.ADMIN in roles or Role.OFFICER in roles
    return role in roles


def is_staff_member(user: Any) -> bool:
    return has_role(user, Role.OFFICER, Role.ADMIN)


def require_role(user: Any, *roles: str) -> None:
    """Raise PermissionDenied unless the user has one of the roles."""
    if not has_role(user, *roles):
        raise PermissionDenied


def _mark(view: Callable[..., Any], permission: object) -> None:
    setattr(view, PERMISSION_ATTR, permission)


def public_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anyone, signed in or not, may open this view."""
    _mark(view, "public")
    return view


def login_required_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Any signed-in user may open this view."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    _mark(wrapped, "authenticated")
    return wrapped


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Only signed-in users with one of these roles; others are sent to sign in or get 403."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        _mark(wrapped, tuple(roles))
        return wrapped

    return decorator


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Officers and administrators only."""
    return role_required(Role.OFFICER, Role.ADMIN)(view)


def roles_of(view: Callable[..., Any]) -> Iterable[str] | str | None:
    return getattr(view, PERMISSION_ATTR, None)
