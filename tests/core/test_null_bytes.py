"""NUL characters in a request's address answer 400 before any view (PostgreSQL refuses text with NUL)."""

import pytest


@pytest.mark.integration
@pytest.mark.parametrize(
    "path",
    [
        "/en/directory/?q=%00",
        "/en/directory/?country=%00&kind=%00",
        "/en/directory/people/?q=%00",
        "/en/%00/",
    ],
)
def test_null_character_in_the_address_is_400_on_pages(client_for, path):
    response = client_for("officer").get(path)

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.integration
def test_null_character_in_the_address_is_400_in_the_api_format(client, db):
    response = client.get("/api/v1/organizations?q=%00", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid", "message": "地址中含有空字符（NUL），无法处理。", "fields": {}}
    }
