"""/api/v1/events: what the contract run found."""

import pytest
from rest_framework.test import APIClient

from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Значения soon нет среди допустимых вариантов."),
        ("zh-hans", "“soon” 不是合法选项。"),
        ("en", '"soon" is not a valid choice.'),
    ],
)
def test_event_list_with_an_unknown_when_is_refused(db, language, message):
    EventFactory(slug="api-event")

    response = APIClient(HTTP_ACCEPT_LANGUAGE=language).get("/api/v1/events?when=soon")

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid", "message": message, "fields": {"when": [message]}}
    }
