import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import ROLES
from tests.factories.directory import MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def api_for(user_for_role):
    def make(role):
        client = APIClient()
        user = user_for_role(role)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def organization(db):
    organization = OrganizationFactory(
        name="Ромашка",
        name_ru="Ромашка",
        name_en="Romashka",
        name_zh_hans="洋甘菊",
        country="RU",
        sectors=["C"],
    )
    MembershipFactory(organization=organization, position="Директор")
    return organization


ORGANIZATION_ACCESS = {"anonymous": 401, "company": 403, "partner": 200, "officer": 200, "admin": 200}
PEOPLE_ACCESS = {"anonymous": 401, "company": 403, "partner": 403, "officer": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_organizations_permission_matrix(api_for, organization, role):
    client = api_for(role)

    statuses = (
        client.get("/api/v1/organizations").status_code,
        client.get(f"/api/v1/organizations/{organization.pk}").status_code,
    )

    assert statuses == (ORGANIZATION_ACCESS[role], ORGANIZATION_ACCESS[role])


@pytest.mark.parametrize("role", ROLES)
def test_people_permission_matrix(api_for, organization, role):
    assert api_for(role).get("/api/v1/people").status_code == PEOPLE_ACCESS[role]


def test_partner_reads_organizations_with_a_token(partner_user, organization):
    token = Token.objects.create(user=partner_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get("/api/v1/organizations", {"search": "ромашка"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    assert response.json()["count"] == 1
    result = response.json()["results"][0]
    assert result["names"] == {"ru": "Ромашка", "zh_hans": "洋甘菊", "en": "Romashka"}
    assert result["name"] == "洋甘菊"
    assert result["country_name"] == "俄罗斯"
    assert result["sectors"] == [{"code": "C", "label": "制造业"}]


def test_organizations_filters_and_pagination(api_for, organization):
    OrganizationFactory(name="Haikou Port", name_en="Haikou Port", country="CN", kind="company")
    client = api_for("officer")

    by_country = client.get("/api/v1/organizations", {"country": "cn"}).json()
    by_sector = client.get("/api/v1/organizations", {"sector": "C"}).json()
    by_kind = client.get("/api/v1/organizations", {"kind": "bank"}).json()
    first_page = client.get("/api/v1/organizations", {"limit": 1}).json()

    assert [row["name"] for row in by_country["results"]] == ["Haikou Port"]
    assert [row["id"] for row in by_sector["results"]] == [organization.pk]
    assert [row["name"] for row in by_kind["results"]] == ["Partner Bank"]
    assert (first_page["count"], len(first_page["results"])) == (4, 1)
    assert first_page["next"] is not None


def test_organizations_bad_filter_is_a_400_in_the_requested_language(api_for):
    response = api_for("officer").get("/api/v1/organizations", {"kind": "alien"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert list(response.json()["error"]["fields"]) == ["kind"]


def test_organization_detail_of_unknown_id_is_404(api_for):
    response = api_for("officer").get("/api/v1/organizations/999999")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_people_lists_memberships(api_for, organization):
    response = api_for("officer").get("/api/v1/people", {"organization": organization.pk})

    rows = response.json()["results"]
    assert len(rows) == 1
    assert rows[0]["memberships"] == [
        {
            "organization_id": organization.pk,
            "organization_name": "Ромашка",
            "position": "Директор",
            "is_primary": True,
        }
    ]


def test_organizations_list_query_count_is_constant(api_for, django_assert_num_queries):
    client = api_for("officer")
    for _index in range(20):
        OrganizationFactory(sectors=["A", "B"])
    with django_assert_num_queries(3):
        response = client.get("/api/v1/organizations")

    assert response.json()["count"] == 22
