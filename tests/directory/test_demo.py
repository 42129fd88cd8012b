import io

import pytest
from stdnum.cn import uscc
from stdnum.ru import inn, ogrn

from investbridge.accounts.models import User
from investbridge.core.roles import Role
from investbridge.directory import demo, selectors, validators
from investbridge.directory.models import Membership, Organization, Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def loaded():
    demo.load(stdout=io.StringIO())


def snapshot():
    return (
        sorted(Organization.objects.values_list("pk", "name_ru", "inn", "uscc")),
        sorted(Person.objects.values_list("pk", "email", "phone", "consent_at")),
        sorted(Membership.objects.values_list("person", "organization", "position")),
        sorted(User.objects.values_list("email", "role", "organization")),
    )


def test_demo_load_twice_changes_nothing(loaded):
    before = snapshot()

    demo.load(stdout=io.StringIO())

    assert snapshot() == before


def test_demo_has_about_forty_russian_organizations_and_seventy_representatives(loaded):
    russian = Organization.objects.filter(country="RU", is_demo=True)

    assert russian.count() == 43
    assert selectors.person_list(country="RU", is_demo=True).count() == 68
    assert not Organization.objects.filter(is_demo=False).exists()
    assert set(russian.values_list("kind", flat=True)) == {
        "company",
        "bank",
        "association",
        "investment_firm",
        "other",
    }


def test_demo_organizations_are_trilingual_with_valid_codes(loaded):
    for organization in Organization.objects.all():
        assert all((organization.name_ru, organization.name_en, organization.name_zh_hans)), organization.pk
        assert organization.sectors.exists()
        if organization.country == "RU":
            assert inn.is_valid(organization.inn), organization.inn
            assert ogrn.is_valid(organization.ogrn), organization.ogrn
        else:
            assert uscc.is_valid(organization.uscc), organization.uscc


def test_demo_people_have_e164_phones_languages_and_consent(loaded):
    for person in Person.objects.filter(country="RU"):
        assert validators.clean_phone(person.phone) == person.phone
        assert person.email.endswith(("@example.ru", "@investbridge.demo"))
        assert person.name_latin.isascii()
        assert person.languages[0] == "ru"
        assert person.consent_to_contact
        assert person.consent_at is not None
        assert person.memberships.get().position


def test_demo_has_three_partners_and_the_office(loaded):
    partners = selectors.partner_organizations()

    assert sorted(partners.values_list("kind", flat=True)) == ["association", "bank", "investment_firm"]
    office = Organization.objects.get(kind="government", country="CN")
    assert selectors.promotion_office() == office
    assert office.name_en == "Haikou Investment Cooperation Promotion Office"
    assert office.memberships.count() == 3


def test_demo_sign_ins_belong_to_their_organizations(loaded):
    partner = User.objects.get(email="partner@investbridge.demo")
    partner2 = User.objects.get(email="partner2@investbridge.demo")
    company = User.objects.get(email="company@investbridge.demo")

    assert (partner.role, partner.language, partner.organization.kind) == (Role.PARTNER, "ru", "bank")
    assert (partner2.role, partner2.organization.kind) == (Role.PARTNER, "association")
    assert (company.role, company.language, company.organization.kind) == (Role.COMPANY, "ru", "company")
    assert partner.organization.is_partner
    assert partner2.organization.is_partner
    assert company.person.memberships.get().organization == company.organization


def test_demo_has_no_duplicate_candidates(loaded):
    assert selectors.organization_duplicate_groups() == []
    assert selectors.person_duplicate_groups() == []
