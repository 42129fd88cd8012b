"""Fixtures of the pipeline and agreements tests: two partner organizations with a user each, the office,
and a client for every row of the isolation matrix."""

import io

import pytest
from django.test import Client
from reportlab.pdfgen import canvas

from investbridge.core.roles import Role
from tests.factories.accounts import OfficerFactory, UserFactory
from tests.factories.agreements import AgreementFactory, ObligationFactory
from tests.factories.directory import OrganizationFactory
from tests.factories.pipeline import LeadFactory

#: Rows of the isolation matrix.
MATRIX_ROLES = ("anonymous", "company", "partner_a", "partner_b", "officer", "admin")


@pytest.fixture
def office_org(db):
    return OrganizationFactory(name="Haikou Investment Promotion Office", kind="government", country="CN")


@pytest.fixture
def partner_a(db):
    return OrganizationFactory(name="Partner A Bank", kind="bank", is_partner=True)


@pytest.fixture
def partner_b(db):
    return OrganizationFactory(name="Partner B Union", kind="association", is_partner=True)


@pytest.fixture
def partner_a_user(partner_a):
    return UserFactory(email="a@partner-a.example", role=Role.PARTNER, organization=partner_a, language="ru")


@pytest.fixture
def partner_b_user(partner_b):
    return UserFactory(email="b@partner-b.example", role=Role.PARTNER, organization=partner_b, language="en")


@pytest.fixture
def matrix_client(user_for_role, partner_a_user, partner_b_user):
    def make(row: str) -> Client:
        client = Client()
        user = {"partner_a": partner_a_user, "partner_b": partner_b_user}.get(row) or (
            None if row in {"partner_a", "partner_b"} else user_for_role(row)
        )
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def agreement_a(office_org, partner_a):
    return AgreementFactory(parties=[office_org, partner_a], title="Agreement with A")


@pytest.fixture
def obligation_a(agreement_a, partner_a):
    return ObligationFactory(agreement=agreement_a, owner=partner_a, title="Open an office (A)")


@pytest.fixture
def referral_a(partner_a, partner_a_user):
    return LeadFactory(
        source="partner", source_partner=partner_a, referred_by=partner_a_user, title="Referred by A"
    )


@pytest.fixture
def other_officer(db):
    return OfficerFactory(email="second.officer@example.org", language="zh-hans")


def make_pdf(text: str = "Signed agreement") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()
