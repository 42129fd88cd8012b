"""The OpenAPI schema describes what the API answers (found by the contract run, tests/api/test_contract.py)."""

import json
from typing import Any

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from investbridge.api.v1.pipeline import LeadSerializer, PartnerLeadSerializer
from tests.factories.pipeline import LeadFactory

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _validate(openapi: dict[str, Any], schema: dict[str, Any], value: Any) -> None:
    """Validates as OpenAPI 3.0 does (JSON Schema draft 4), with the components for references."""
    jsonschema.Draft4Validator({**schema, "components": openapi["components"]}).validate(value)


def test_every_error_response_of_the_schema_has_the_error_format(openapi):
    wrong = [
        f"{method.upper()} {path} {status}"
        for path, operations in openapi["paths"].items()
        for method, operation in operations.items()
        for status, response in operation["responses"].items()
        if status >= "400"
        and response.get("content", {}).get("application/json", {}).get("schema")
        != {"$ref": "#/components/schemas/Error"}
    ]

    assert wrong == []


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/v1/events", "get", {"200", "400", "401"}),
        ("/api/v1/events/{slug}/registrations", "post", {"202", "400", "401", "403", "404", "409", "415"}),
        ("/api/v1/organizations/{id}", "get", {"200", "401", "403", "404"}),
        ("/api/v1/auth/token", "post", {"200", "400", "401", "403", "415", "429"}),
        ("/api/v1/region/interest", "post", {"201", "400", "401", "403", "415", "429"}),
    ],
)
def test_operations_document_the_errors_the_api_machinery_gives(openapi, path, method, statuses):
    # At least these: other changes may document more (e.g. 503 when the database is unavailable).
    assert statuses <= set(openapi["paths"][path][method]["responses"])


def test_error_fields_of_a_list_field_match_the_schema(openapi, db):
    body = APIClient().post(
        "/api/v1/inquiries", {"sectors": ["not a section"]}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert body.status_code == 400
    assert body.json()["error"]["fields"]["sectors"] == {
        "0": ["This value does not match the required pattern."]
    }
    _validate(openapi, openapi["components"]["schemas"]["Error"], body.json())


def test_a_blank_lost_reason_matches_the_schema(openapi):
    _validate(openapi, openapi["components"]["schemas"]["Lead"]["properties"]["lost_reason"], "")


def test_an_organization_website_is_not_promised_to_be_a_uri_since_it_may_be_empty(openapi):
    website = openapi["components"]["schemas"]["Organization"]["properties"]["website"]

    assert (website["type"], website.get("format")) == ("string", None)


def test_leads_of_both_shapes_match_the_schema_of_a_lead_for_its_role(openapi, db):
    lead = LeadFactory()
    as_json = [
        json.loads(JSONRenderer().render(serializer(lead).data))
        for serializer in (LeadSerializer, PartnerLeadSerializer)
    ]

    for body in as_json:  # an officer's lead is valid for the partner's shape too: anyOf, not oneOf
        _validate(openapi, openapi["components"]["schemas"]["LeadForRole"], body)


def test_a_public_post_says_anonymous_callers_may_use_it(openapi):
    assert {} in openapi["paths"]["/api/v1/inquiries"]["post"]["security"]
    assert {} not in openapi["paths"]["/api/v1/inquiries"]["get"]["security"]


@pytest.mark.parametrize(
    ("value", "valid"), [(1500000, True), ("1500000.50", True), (-1, False), ("1,5", False)]
)
def test_decimal_inputs_are_numbers_or_decimal_strings(openapi, value, valid):
    schema = openapi["components"]["schemas"]["ReferralRequest"]["properties"]["projected_investment"]
    schema = {key: item for key, item in schema.items() if key != "nullable"}

    if valid:
        _validate(openapi, schema, value)
    else:
        with pytest.raises(jsonschema.ValidationError):
            _validate(openapi, schema, value)


@pytest.mark.parametrize(("value", "valid"), [("RU", True), ("", True), ("0", False), ("R", False)])
def test_registration_country_is_documented_as_the_api_reads_it(openapi, value, valid):
    schema = openapi["components"]["schemas"]["RegistrationRequestRequest"]["properties"]["country"]

    if valid:
        _validate(openapi, schema, value)
    else:
        with pytest.raises(jsonschema.ValidationError):
            _validate(openapi, schema, value)


@pytest.mark.parametrize(
    ("component", "field"), [("InquiryCreateRequest", "consent"), ("ExpressionOfInterestRequest", "consent")]
)
def test_a_consent_that_must_be_given_admits_only_true(openapi, component, field):
    schema = openapi["components"]["schemas"][component]["properties"][field]

    _validate(openapi, schema, True)
    with pytest.raises(jsonschema.ValidationError):
        _validate(openapi, schema, False)
