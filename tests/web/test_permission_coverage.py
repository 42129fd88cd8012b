"""Every view states who may open it.

Walks the whole URL configuration, so it covers every domain's pages and API endpoints as they are added:
- a page view (anything outside /admin/ that is not a DRF view) must carry a marker of core/permissions.py
  (`public_view`, `login_required_view`, `role_required(...)`, `staff_required`);
- a DRF view must set `permission_classes` itself (in its own class body, or in `as_view(permission_classes=…)`),
  never rely on the default DenyAll by omission.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path
from rest_framework.response import Response
from rest_framework.views import APIView

from investbridge.api.permissions import DenyAll, Public
from investbridge.core.permissions import public_view, role_required, roles_of
from investbridge.core.roles import Role
from tests.web.urlwalk import Route, walk

pytestmark = pytest.mark.unit


def drf_class(callback: Callable[..., Any]) -> type[APIView] | None:
    cls = getattr(callback, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, APIView) else None


def problem(route: Route) -> str | None:
    """What is wrong with the route's permissions, or None."""
    if route.url.startswith("/admin/"):
        return None  # Django's admin checks is_staff itself; tests/accounts checks who reaches it.
    cls = drf_class(route.callback)
    if cls is None:
        if roles_of(route.callback) is None:
            return "page view without a permission decorator from core/permissions.py"
        return None
    initkwargs = getattr(route.callback, "initkwargs", {}) or {}
    if "permission_classes" in initkwargs:
        classes = list(initkwargs["permission_classes"])
    elif "permission_classes" in vars(cls):
        classes = list(vars(cls)["permission_classes"])
    else:
        return f"API view {cls.__qualname__} does not set permission_classes in its own class"
    if not classes:
        return f"API view {cls.__qualname__} sets an empty permission_classes"
    return None


def problems(patterns: list[URLPattern | URLResolver]) -> list[str]:
    return [f"{route.url} ({route.name}): {found}" for route in walk(patterns) if (found := problem(route))]


def test_every_view_in_the_url_configuration_declares_its_permissions():
    assert problems(get_resolver().url_patterns) == []


def test_the_walk_reaches_pages_api_and_admin():
    urls = {route.url for route in walk(get_resolver().url_patterns)}

    assert {"/api/v1/schema/", "/admin/", "/i18n/setlang/"} <= urls
    # i18n_patterns: the language prefix is a pattern of its own, walked like any other.
    assert any(url.endswith("accounts/login/") and url != "/accounts/login/" for url in urls)


# The walker itself must catch what it is there to catch.


def _unmarked_page(request):
    return HttpResponse("")


@public_view
def _public_page(request):
    return HttpResponse("")


@role_required(Role.OFFICER)
def _officer_page(request):
    return HttpResponse("")


class _DefaultPermissionApi(APIView):
    def get(self, request):
        return Response({})


class _InheritedPermissionApi(APIView):
    permission_classes = [Public]

    def get(self, request):
        return Response({})


class _ChildOfExplicitApi(_InheritedPermissionApi):
    pass


class _ExplicitDenyApi(APIView):
    permission_classes = [DenyAll]

    def get(self, request):
        return Response({})


def test_walker_flags_unmarked_pages_and_api_views_without_explicit_permissions():
    patterns: list[URLPattern | URLResolver] = [
        path("unmarked/", _unmarked_page),
        path("public/", _public_page),
        path("officer/", _officer_page),
        path("api/default/", _DefaultPermissionApi.as_view()),
        path("api/explicit/", _InheritedPermissionApi.as_view()),
        path("api/child/", _ChildOfExplicitApi.as_view()),
        path("api/initkwargs/", _DefaultPermissionApi.as_view(permission_classes=[Public])),
        path("api/deny/", _ExplicitDenyApi.as_view()),
        path("api/empty/", _DefaultPermissionApi.as_view(permission_classes=[])),
        path("admin/anything/", _unmarked_page),
    ]

    assert problems(patterns) == [
        "/unmarked/ (): page view without a permission decorator from core/permissions.py",
        "/api/default/ (): API view _DefaultPermissionApi does not set permission_classes in its own class",
        "/api/child/ (): API view _ChildOfExplicitApi does not set permission_classes in its own class",
        "/api/empty/ (): API view _DefaultPermissionApi sets an empty permission_classes",
    ]
