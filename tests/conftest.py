"""Shared fixtures: a user of every role, and the role matrix the permission tests walk."""

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import translation

from investbridge.core.roles import Role
from tests.factories.accounts import AdminFactory, OfficerFactory, UserFactory
from tests.factories.directory import OrganizationFactory

#: The rows of every permission matrix: anonymous plus each role.
ROLES = ("anonymous", Role.COMPANY.value, Role.PARTNER.value, Role.OFFICER.value, Role.ADMIN.value)


@pytest.fixture(autouse=True)
def _office_language():
    """Every test starts in the office's language: a request in another language leaves that language active in
    the thread (Django's LocaleMiddleware activates it and never deactivates), which would leak into the next
    test that runs in the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """The caches outlive each test's rolled-back database: start every test with empty ones (the cache and the
    limits cache)."""
    cache.clear()
    caches["limits"].clear()
    yield
    cache.clear()
    caches["limits"].clear()


@pytest.fixture
def officer(db):
    return OfficerFactory(email="officer@example.org")


@pytest.fixture
def admin_user(db):
    return AdminFactory(email="admin@example.org")


@pytest.fixture
def partner_org(db):
    return OrganizationFactory(name="Partner Bank", kind="bank", is_partner=True)


@pytest.fixture
def partner_user(db, partner_org):
    return UserFactory(email="partner@example.org", role=Role.PARTNER, organization=partner_org)


@pytest.fixture
def company_user(db):
    return UserFactory(email="company@example.org", role=Role.COMPANY, organization=OrganizationFactory())


@pytest.fixture
def user_for_role(db, officer, admin_user, partner_user, company_user):
    users = {
        "anonymous": None,
        Role.COMPANY.value: company_user,
        Role.PARTNER.value: partner_user,
        Role.OFFICER.value: officer,
        Role.ADMIN.value: admin_user,
    }
    return users.__getitem__


@pytest.fixture
def client_for(user_for_role):
    """client_for("officer") -> a test client signed in with that role ("anonymous": not signed in)."""

    def make(role: str) -> Client:
        client = Client()
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return make
