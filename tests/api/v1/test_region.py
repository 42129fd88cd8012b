"""/api/v1/region: what the contract run found."""

import pytest
from rest_framework.test import APIClient

from tests.factories.region import KeyFigureFactory

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("url", ["/api/v1/region/profile?lang=de", "/api/v1/region/incentives?lang=de"])
def test_region_with_an_unknown_lang_is_refused_in_the_language_of_the_request(db, url):
    KeyFigureFactory()

    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get(url)

    assert response.status_code == 400
    message = '"de" is not a valid choice.'
    assert response.json() == {
        "error": {"code": "invalid", "message": message, "fields": {"lang": [message]}}
    }


def test_region_with_a_known_lang_answers_in_it(db):
    KeyFigureFactory()

    response = APIClient(HTTP_ACCEPT_LANGUAGE="ru").get("/api/v1/region/profile?lang=en")

    assert (response.status_code, response.json()["language"]) == (200, "en")
