import pytest

from investbridge.directory import selectors
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_organization_list_combines_filters_and_hides_merged_records():
    bank = OrganizationFactory(
        name="Volga Bank", name_en="Volga Bank", kind="bank", country="RU", sectors=["K"]
    )
    OrganizationFactory(name="Volga Farm", name_en="Volga Farm", kind="company", country="RU", sectors=["A"])
    OrganizationFactory(name="Volga Bank Old", name_en="Volga Bank Old", kind="bank", merged_into=bank)
    OrganizationFactory(name="Haikou Bank", name_en="Haikou Bank", kind="bank", country="CN", is_partner=True)

    found = selectors.organization_list(
        search="volga", kind="bank", country="ru", sector="k", is_partner=False
    )

    assert list(found) == [bank]
    assert [o.name for o in selectors.organization_list(is_partner="yes")] == ["Haikou Bank"]


def test_organization_list_finds_codes_and_counts_members():
    organization = OrganizationFactory(inn="7707083893")
    MembershipFactory(organization=organization)
    MembershipFactory(organization=organization)

    found = selectors.organization_list(search="7707083893").get()

    assert (found, found.member_count) == (organization, 2)


def test_person_list_filters_by_country_organization_demo_and_search():
    organization = OrganizationFactory()
    russian = PersonFactory(full_name="Смирнова Анна", country="RU", is_demo=True)
    MembershipFactory(person=russian, organization=organization)
    PersonFactory(full_name="Wang Fang", country="CN", is_demo=True)
    PersonFactory(full_name="Иванов", country="RU", is_demo=False)

    assert list(selectors.person_list(country="RU", is_demo=True)) == [russian]
    assert list(selectors.person_list(organization=organization)) == [russian]
    assert list(selectors.person_list(search="СМИРНОВА")) == [russian]


def test_partner_organizations_lists_active_partners_only():
    partner = OrganizationFactory(name="A Partner", is_partner=True)
    OrganizationFactory(name="B Merged Partner", is_partner=True, merged_into=partner)
    OrganizationFactory(name="C Company")

    assert list(selectors.partner_organizations()) == [partner]


def test_duplicate_groups_join_records_that_share_any_key():
    first = OrganizationFactory(name="Lotus", name_en="Lotus LLC", name_ru="Лотос")
    second = OrganizationFactory(name="ООО Лотос", name_en="", name_ru="ООО «Лотос»", name_zh_hans="莲花")
    third = OrganizationFactory(name="莲花有限公司", name_en="", name_zh_hans="莲花有限公司")
    OrganizationFactory(name="Other")
    anna = PersonFactory(full_name="Анна Смирнова", name_latin="Anna Smirnova")
    twin = PersonFactory(full_name="Смирнова Анна")
    PersonFactory(full_name="Пётр Иванов")

    assert selectors.organization_duplicate_groups() == [[first, second, third]]
    assert selectors.person_duplicate_groups() == [[anna, twin]]


def test_directory_counts():
    partner = OrganizationFactory(is_partner=True, country="RU")
    OrganizationFactory(country="CN")
    OrganizationFactory(merged_into=partner)
    PersonFactory(consent_to_contact=True)
    PersonFactory()

    assert selectors.directory_counts() == {
        "organizations": 2,
        "partners": 1,
        "countries": 2,
        "people": 2,
        "consenting": 1,
    }
