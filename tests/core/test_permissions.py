"""core.permissions: who has which role, and the view decorators."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from investbridge.core.permissions import (
    has_role,
    is_staff_member,
    login_required_view,
    public_view,
    require_role,
    role_required,
    roles_of,
    staff_required,
)
from investbridge.core.roles import Role
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.unit


def _user(role: str, **fields):
    return UserFactory.build(role=role, **fields)


@pytest.mark.parametrize(
    ("role", "officer", "partner", "company", "admin"),
    [
        (Role.OFFICER, True, False, False, False),
        (Role.PARTNER, False, True, False, False),
        (Role.COMPANY, False, False, True, False),
        (Role.ADMIN, True, False, False, True),
    ],
)
def test_has_role_matrix(role, officer, partner, company, admin):
    user = _user(role)

    assert [has_role(user, Role.OFFICER), has_role(user, Role.PARTNER), has_role(user, Role.COMPANY)] == [
        officer,
        partner,
        company,
    ]
    assert has_role(user, Role.ADMIN) == admin
    assert is_staff_member(user) == officer


def test_anonymous_inactive_and_missing_users_have_no_role():
    assert has_role(AnonymousUser(), Role.COMPANY) is False
    assert has_role(None, Role.COMPANY) is False
    assert has_role(_user(Role.OFFICER, is_active=False), Role.OFFICER) is False


def test_require_role_raises_permission_denied():
    require_role(_user(Role.PARTNER), Role.PARTNER, Role.OFFICER)

    with pytest.raises(PermissionDenied):
        require_role(_user(Role.COMPANY), Role.PARTNER, Role.OFFICER)


def _view(request):
    return HttpResponse("ok")


def _request(user):
    request = RequestFactory().get("/en/somewhere/?a=1")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("user_role", "expected"),
    [(None, 302), (Role.COMPANY, 403), (Role.PARTNER, 403), (Role.OFFICER, 200), (Role.ADMIN, 200)],
)
def test_staff_required_matrix(user_role, expected):
    view = staff_required(_view)
    user = AnonymousUser() if user_role is None else _user(user_role)

    try:
        status = view(_request(user)).status_code
    except PermissionDenied:
        status = 403

    assert status == expected


def test_role_required_sends_visitors_to_sign_in_with_next():
    with translation.override("ru"):
        response = role_required(Role.PARTNER)(_view)(_request(AnonymousUser()))

    assert (response.status_code, response["Location"]) == (
        302,
        "/ru/accounts/login/?next=/en/somewhere/%3Fa%3D1",
    )


def test_login_required_view_admits_any_signed_in_user():
    view = login_required_view(_view)

    assert view(_request(_user(Role.COMPANY))).status_code == 200
    assert view(_request(AnonymousUser())).status_code == 302


def _fresh_view():
    def view(request):
        return HttpResponse("ok")

    return view


def test_markers_name_who_may_open_the_view():
    assert roles_of(_fresh_view()) is None
    assert roles_of(public_view(_fresh_view())) == "public"
    assert roles_of(login_required_view(_fresh_view())) == "authenticated"
    assert roles_of(role_required(Role.PARTNER, Role.OFFICER)(_fresh_view())) == (Role.PARTNER, Role.OFFICER)
    assert roles_of(staff_required(_fresh_view())) == (Role.OFFICER, Role.ADMIN)
