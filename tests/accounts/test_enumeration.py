"""The account doors answer alike for an unknown e-mail and a known one (no way to learn who has an account)."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from tests.factories.accounts import OfficerFactory, UserFactory

pytestmark = pytest.mark.integration


def test_login_unknown_email_and_wrong_password_same_answer(client, db):
    UserFactory(email="ivan@example.org")

    unknown = client.post("/en/accounts/login/", {"username": "nobody@example.org", "password": "x" * 12})
    wrong = client.post("/en/accounts/login/", {"username": "ivan@example.org", "password": "x" * 12})

    assert (unknown.status_code, wrong.status_code) == (200, 200)
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert list(wrong.context["form"].errors) == ["__all__"]


def test_api_token_unknown_email_and_wrong_password_same_answer(db):
    OfficerFactory(email="officer@example.org")

    unknown = APIClient().post(
        "/api/v1/auth/token", {"email": "nobody@example.org", "password": "x"}, format="json"
    )
    wrong = APIClient().post(
        "/api/v1/auth/token", {"email": "officer@example.org", "password": "x"}, format="json"
    )

    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())
    assert unknown.status_code == 400


def test_password_reset_known_and_unknown_email_same_answer_mail_only_to_known(client, db):
    UserFactory(email="ivan@example.org", language="en")

    known = client.post("/en/accounts/password-reset/", {"email": "ivan@example.org"})
    unknown = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [message.to for message in mail.outbox] == [["ivan@example.org"]]
