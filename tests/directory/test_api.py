import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investbridge.core.roles import Role
from investbridge.directory.models import Organization
from tests.conftest import ROLES
from tests.factories.accounts import UserFactory
from tests.factories.agreements import AgreementFactory
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory
from tests.factories.pipeline import LeadFactory

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


@pytest.fixture
def partner_world(organization, partner_org, partner_user):
    """What partner staff may read: their own organization, the parties of their agreements and the companies
    they referred; and what they may not: another partner's agreement, referral and organization."""
    office = OrganizationFactory(name="Haikou Office", kind="government", country="CN")
    referred = OrganizationFactory(name="Referred Co")
    other_partner = OrganizationFactory(name="Other Partner", is_partner=True)
    other_party = OrganizationFactory(name="Other Party")
    other_referred = OrganizationFactory(name="Other Referred")
    AgreementFactory(parties=[office, partner_org])
    AgreementFactory(parties=[other_partner, other_party])
    LeadFactory(source="partner", source_partner=partner_org, organization=referred)
    LeadFactory(source="partner", source_partner=other_partner, organization=other_referred)
    other_user = UserFactory(email="other@partner.example", role=Role.PARTNER, organization=other_partner)
    return {
        "own": partner_org,
        "office": office,
        "referred": referred,
        "unrelated": organization,
        "other_partner": other_partner,
        "other_party": other_party,
        "other_referred": other_referred,
        "other_user": other_user,
    }


MATRIX_ROWS = (*ROLES, "other_partner")
#: Which organizations each row reads through the API (list and detail; any other is a 404 for the detail).
PARTNER_A_SEES = {"own", "office", "referred"}
PARTNER_B_SEES = {"other_partner", "other_party", "other_referred"}
EVERY_ORGANIZATION = PARTNER_A_SEES | PARTNER_B_SEES | {"unrelated"}


@pytest.mark.parametrize("row", MATRIX_ROWS)
def test_organizations_permission_matrix(api_for, partner_world, row):
    client = api_for("partner") if row == "other_partner" else api_for(row)
    if row == "other_partner":
        client.force_authenticate(partner_world["other_user"])
    names = {key: value for key, value in partner_world.items() if key != "other_user"}

    listing = client.get("/api/v1/organizations", {"page_size": 100})
    details = {
        key: client.get(f"/api/v1/organizations/{value.pk}").status_code for key, value in names.items()
    }

    if row in {"anonymous", "company"}:
        assert listing.status_code == ORGANIZATION_ACCESS[row]
        assert set(details.values()) == {ORGANIZATION_ACCESS[row]}
        return
    visible = {"partner": PARTNER_A_SEES, "other_partner": PARTNER_B_SEES}.get(row, EVERY_ORGANIZATION)
    assert listing.status_code == 200
    every = set(Organization.objects.values_list("pk", flat=True))  # officers: also the users' organizations
    expected_ids = every if visible is EVERY_ORGANIZATION else {names[key].pk for key in visible}
    assert {item["id"] for item in listing.json()["results"]} == expected_ids
    assert details == {key: 200 if key in visible else 404 for key in names}


@pytest.mark.parametrize("role", ROLES)
def test_people_permission_matrix(api_for, organization, role):
    assert api_for(role).get("/api/v1/people").status_code == PEOPLE_ACCESS[role]


def test_partner_reads_organizations_with_a_token(partner_user, partner_org, organization):
    LeadFactory(source="partner", source_partner=partner_org, organization=organization)
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
            "organization_name_transliterated": False,
            "position": "Директор",
            "is_primary": True,
        }
    ]


def test_organization_russian_only_for_a_chinese_reader_is_transliterated(api_for):
    organization = OrganizationFactory(name="ООО «Щукин»", name_ru="ООО «Щукин»", name_en="", name_zh_hans="")

    body = (
        api_for("officer")
        .get(f"/api/v1/organizations/{organization.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .json()
    )

    assert (body["name"], body["name_transliterated"], body["name_original"]) == (
        "OOO «Shchukin»",
        True,
        "ООО «Щукин»",
    )
    assert body["names"] == {"ru": "ООО «Щукин»", "zh_hans": "", "en": ""}


def test_person_chinese_for_a_russian_reader_is_palladius_and_stored_names_are_not(api_for):
    chinese = PersonFactory(full_name="王小明", email="wang@example.cn")
    stored = PersonFactory(full_name="李伟", name_ru="Ли Вэй", email="li@example.cn")

    rows = {
        row["id"]: row
        for row in api_for("officer").get("/api/v1/people", HTTP_ACCEPT_LANGUAGE="ru").json()["results"]
    }

    assert (
        rows[chinese.pk]["name"],
        rows[chinese.pk]["name_transliterated"],
        rows[chinese.pk]["name_original"],
    ) == (
        "Ван Сяомин",
        True,
        "王小明",
    )
    assert (
        rows[stored.pk]["name"],
        rows[stored.pk]["name_transliterated"],
        rows[stored.pk]["name_original"],
    ) == (
        "Ли Вэй",
        False,
        "",
    )


def test_organizations_list_query_count_is_constant(api_for, django_assert_num_queries):
    client = api_for("officer")
    for _index in range(20):
        OrganizationFactory(sectors=["A", "B"])
    with django_assert_num_queries(3):
        response = client.get("/api/v1/organizations")

    assert response.json()["count"] == 22
