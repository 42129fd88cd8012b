import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investbridge.statistics import services
from tests.conftest import ROLES
from tests.factories.statistics import domestic_row, row, write_csv

pytestmark = pytest.mark.integration

URL = "/api/v1/statistics/report"


@pytest.mark.parametrize("role", ROLES)
def test_report_api_permission_matrix(client_for, role):
    response = client_for(role).get(URL, {"from": "2020-01-01", "to": "2020-12-31"})

    assert response.status_code == {"anonymous": 401, "officer": 200, "admin": 200}.get(role, 403)


def test_report_api_returns_the_contract_with_a_token(db, officer, files):
    services.registry_import(
        path=write_csv(
            files / "r.csv",
            [row(investor_countries="RU;KZ"), row(registered_on="2019-03-01"), domestic_row()],
        ),
        file_name="r.csv",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")

    response = client.get(URL, {"from": "2020-03-01", "to": "2020-03-31", "foreign_capital": "true"})

    assert response.status_code == 200
    assert response.json() == {
        "from": "2020-03-01",
        "to": "2020-03-31",
        "count": 1,
        "previous_count": 1,
        "yoy_change_pct": 0.0,
        "by_month": [{"month": "2020-03", "count": 1, "cumulative": 1}],
        "by_country": {"KZ": 1, "RU": 1},
        "by_district": {"460105": 1},
        "by_industry": {"F": 1},
    }


def test_report_api_country_filter_and_null_yoy(client_for, files):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(investor_countries="RU"), row(investor_countries="HK")]),
        file_name="r.csv",
    )

    data = client_for("officer").get(URL, {"from": "2020-01-01", "to": "2020-12-31", "country": "ru"}).json()

    assert (data["count"], data["yoy_change_pct"], data["by_country"]) == (1, None, {"RU": 1})


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"to": "2020-12-31"}, "from"),
        ({"from": "2020-13-01", "to": "2020-12-31"}, "from"),
        ({"from": "2020-12-01", "to": "2020-01-01"}, "to"),
        ({"from": "2020-01-01", "to": "2020-12-31", "country": "XX"}, "country"),
    ],
)
def test_report_api_bad_query_is_a_400_naming_the_field(client_for, params, field):
    response = client_for("officer").get(URL, params, HTTP_ACCEPT_LANGUAGE="en")

    body = response.json()
    assert response.status_code == 400
    assert body["error"]["code"] == "invalid"
    assert list(body["error"]["fields"]) == [field]


def test_report_api_is_in_the_openapi_schema(client_for):
    schema = client_for("anonymous").get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/v1/statistics/report"]["get"]
    assert operation["operationId"] == "statistics_report"
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "from",
        "to",
        "foreign_capital",
        "country",
    }
