"""`investbridge token create|revoke EMAIL`."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.integration


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_token_create_prints_the_officers_token(officer):
    printed = _run("create", "Officer@Example.org")

    assert printed == Token.objects.get(user=officer).key
    assert _run("create", officer.email) == printed


def test_token_create_refuses_a_company_representative(company_user):
    with pytest.raises(CommandError) as error:
        _run("create", company_user.email)

    assert str(error.value) == (
        "company@example.org is a company representative: "
        "API tokens are only for promotion officers and partner staff."
    )
    assert Token.objects.count() == 0


def test_token_create_for_an_unknown_address_fails(db):
    with pytest.raises(CommandError) as error:
        _run("create", "nobody@example.org")

    assert str(error.value) == "No user has the e-mail address nobody@example.org."


def test_token_revoke_deletes_the_token(partner_user):
    _run("create", partner_user.email)

    assert _run("revoke", partner_user.email) == "Token revoked."
    assert _run("revoke", partner_user.email) == "This user had no token."
    assert Token.objects.count() == 0
