"""Secret link tokens: malformed ones (non-ASCII, NUL, too long) are simply unknown, never a server error."""

import pytest

from investbridge.core.tokens import is_well_formed_token, tokens_match
from investbridge.events.models import Material
from tests.factories.events import RegistrationFactory

#: Tokens as they arrive percent-encoded in a path or a query (a NUL answers 400 earlier: test_null_bytes.py).
BAD_TOKENS = ["%C3%A9", "%E4%BD%A0%E5%A5%BD", "abc%2Fdef", "%F0%9F%98%80" * 3, "a" * 500]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("token-00000001-abcdefghijklmnop", True),
        ("é", False),
        ("a\x00b", False),
        ("", False),
        ("a" * 129, False),
    ],
)
def test_is_well_formed_token_accepts_only_url_safe_base64(token, expected):
    assert is_well_formed_token(token) is expected


@pytest.mark.unit
def test_tokens_match_is_false_for_non_ascii_instead_of_raising():
    assert tokens_match("abc", "é") is False
    assert tokens_match("abc", "abc") is True
    assert tokens_match("abc", "abd") is False
    assert tokens_match("", "") is False


@pytest.mark.integration
@pytest.mark.parametrize("token", BAD_TOKENS)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/ru/events/manage/{token}/"),
        ("post", "/ru/events/manage/{token}/cancel/"),
        ("get", "/ru/events/manage/{token}/calendar.ics"),
        ("get", "/ru/events/manage/{token}/join/"),
        ("get", "/zh-hans/matchmaking/p/{token}/"),
        ("get", "/zh-hans/matchmaking/p/{token}/profile/"),
        ("post", "/zh-hans/matchmaking/p/{token}/request/"),
        ("post", "/zh-hans/matchmaking/p/{token}/requests/1/accept/"),
        ("get", "/zh-hans/matchmaking/p/{token}/meetings.ics"),
    ],
)
def test_token_pages_answer_404_for_malformed_token(client, db, method, path, token):
    RegistrationFactory()
    assert getattr(client, method)(path.format(token=token)).status_code == 404


@pytest.mark.integration
@pytest.mark.parametrize("token", BAD_TOKENS)
def test_registration_cancel_api_answers_404_for_malformed_token(client, db, token):
    registration = RegistrationFactory()
    response = client.delete(
        f"/api/v1/registrations/{registration.pk}?token={token}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("token", BAD_TOKENS)
def test_material_download_answers_404_for_malformed_token(client, db, token):
    registration = RegistrationFactory()
    material = Material.objects.create(
        event=registration.event,
        title="Agenda",
        file="materials/agenda.pdf",
        kind="pdf",
        visibility="registrants",
    )
    assert client.get(f"/ru/events/materials/{material.pk}/?token={token}").status_code == 404


@pytest.mark.integration
@pytest.mark.parametrize("key", ["abc\x00def", "\u00e9\u00e9", "x" * 500])
def test_api_token_header_with_a_malformed_key_is_401(client, db, key):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
