"""Input limits of the whole API: page size and offset, JSON body size and nesting (400/413, never 500)."""

import json

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from investbridge.api.pagination import MAX_LIMIT
from investbridge.api.parsers import MAX_DEPTH
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration


def _client(language: str = "en") -> APIClient:
    return APIClient(HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=99999999999999999999", "limit"),
        ("limit=abc", "limit"),
        ("limit=-5", "limit"),
        ("limit=0", "limit"),
        ("limit=1e3", "limit"),
        ("limit=%D9%A3", "limit"),  # an Arabic-Indic digit three: int() would take it
        ("offset=99999999999999999999", "offset"),
        ("offset=-1", "offset"),
        ("offset=x", "offset"),
    ],
)
def test_list_with_bad_limit_or_offset_is_400_naming_the_parameter(db, query, field):
    response = _client().get(f"/api/v1/events?{query}")

    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid"
    assert list(body["fields"]) == [field]


def test_list_bad_limit_message_in_requested_language(db):
    response = _client("ru").get("/api/v1/events?limit=abc")

    assert response.json()["error"]["message"] == "Введите целое число."


def test_list_limit_above_maximum_is_cut_to_maximum(db):
    EventFactory.create_batch(3)

    response = _client().get(f"/api/v1/events?limit={MAX_LIMIT + 1000}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_list_limit_above_maximum_gives_pages_of_maximum_size(db):
    EventFactory.create_batch(MAX_LIMIT + 1)

    response = _client().get("/api/v1/events?limit=100000")

    body = response.json()
    assert len(body["results"]) == MAX_LIMIT
    assert f"limit={MAX_LIMIT}" in body["next"]


def test_list_offset_beyond_the_end_is_an_empty_page(db):
    EventFactory()

    response = _client().get("/api/v1/events?offset=100000000")

    assert response.status_code == 200
    assert response.json()["results"] == []


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [50_000, MAX_DEPTH + 1])
def test_json_body_nested_too_deeply_is_400(db, depth):
    response = _client().post("/api/v1/auth/token", _nested(depth), content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "parse_error",
        "message": f"The JSON body is nested too deeply; at most {MAX_DEPTH} levels are allowed.",
        "fields": {},
    }


def test_json_body_nested_too_deeply_message_in_chinese(db):
    response = _client("zh-hans").post("/api/v1/auth/token", _nested(50_000), content_type="application/json")

    assert response.json()["error"]["message"] == f"JSON 请求体嵌套过深，最多允许 {MAX_DEPTH} 层。"


def test_json_body_at_the_nesting_limit_reaches_the_view(db):
    body = {"email": _nested(MAX_DEPTH - 1)}
    response = _client().post(
        "/api/v1/auth/token",
        json.dumps(body).replace('"[', "[").replace(']"', "]"),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_json_body_larger_than_the_limit_is_413(db):
    body = json.dumps({"email": "a" * 2000, "password": "x"})

    response = _client().post("/api/v1/auth/token", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "too_large",
        "message": "The request body is too large; the limit is 1000 bytes.",
        "fields": {},
    }


def test_json_body_invalid_is_400_with_position(db):
    response = _client().post("/api/v1/auth/token", '{"email": ', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert response.json()["error"]["message"] == "The body is not valid JSON (line 1, column 11)."
