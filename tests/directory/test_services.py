import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from investbridge.directory import services
from investbridge.directory.models import Membership, Organization, Person
from tests.factories.accounts import UserFactory
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory
from tests.sql import statement_kinds

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def org_data(**overrides):
    data = {
        "kind": "company",
        "name_ru": "ООО «Ромашка»",
        "name_en": "Romashka LLC",
        "name_zh_hans": "洋甘菊有限责任公司",
        "country": "ru",
        "city": "Казань",
        "sectors": ["c", "G"],
        "website": "romashka.example.ru",
        "inn": "7707083893",
        "ogrn": "1027700132195",
    }
    data.update(overrides)
    return data


def person_data(**overrides):
    data = {
        "full_name": "Иванов Иван Иванович",
        "name_latin": "Ivan Ivanov",
        "email": " Ivan.Ivanov@Example.RU ",
        "phone": "8 916 123-45-67",
        "country": "RU",
        "languages": "ru, en",
        "preferred_language": "ru",
        "consent_to_contact": True,
        "consent_source": "Форма на сайте",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ООО «Ромашка»", "Ромашка"),
        ("ООО «Ромашка»", "ромашка, ооо"),
        ("Romashka LLC", "ROMASHKA"),
        ("洋甘菊有限公司", "洋甘菊"),
        ("Соловьёв и партнёры", "Соловьев и Партнеры"),
    ],
)
def test_name_key_ignores_case_quotes_and_legal_forms(first, second):
    assert services.name_key(first) == services.name_key(second)


def test_name_key_keeps_different_names_apart():
    assert services.name_key("Ромашка Трейд") != services.name_key("Ромашка")


def test_organization_create_normalizes_and_stores_all_languages(officer):
    organization = services.organization_create(actor=officer, data=org_data())

    organization.refresh_from_db()
    assert (organization.name_ru, organization.name_en, organization.name_zh_hans) == (
        "ООО «Ромашка»",
        "Romashka LLC",
        "洋甘菊有限责任公司",
    )
    assert organization.country == "RU"
    assert organization.website == "https://romashka.example.ru"
    assert sorted(organization.sectors.values_list("code", flat=True)) == ["C", "G"]


def test_organization_create_reports_every_invalid_field(officer):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.organization_create(
            actor=officer,
            data=org_data(inn="7707083894", ogrn="1", uscc="X", country="XX", sectors=["Z"], kind="alien"),
        )

    assert sorted(caught.value.message_dict) == ["country", "inn", "kind", "ogrn", "sectors", "uscc"]
    assert Organization.objects.count() == 0


def test_organization_create_requires_a_name_in_some_language(officer):
    with pytest.raises(ValidationError) as caught:
        services.organization_create(actor=officer, data=org_data(name_ru="", name_en=" ", name_zh_hans=""))

    assert list(caught.value.message_dict) == ["name_ru"]


def test_organization_create_refuses_the_same_name_in_another_language(officer):
    existing = services.organization_create(actor=officer, data=org_data())

    with translation.override("en"), pytest.raises(services.DuplicateError) as caught:
        services.organization_create(
            actor=officer,
            data=org_data(name_ru="", name_en="", name_zh_hans="洋甘菊有限责任公司", inn="", ogrn=""),
        )

    assert caught.value.existing == existing
    assert caught.value.messages == [
        "An organization with this name already exists: “Romashka LLC” (Russia). Open it instead, or confirm "
        "that this is a different organization."
    ]


def test_organization_create_with_confirmation_creates_a_second_one(officer):
    services.organization_create(actor=officer, data=org_data())

    second = services.organization_create(
        actor=officer, data=org_data(inn="", ogrn="", city="Самара"), confirm_duplicate=True
    )

    assert Organization.objects.count() == 2
    assert second.city == "Самара"


def test_organization_create_refuses_an_inn_that_is_taken(officer):
    services.organization_create(actor=officer, data=org_data())

    with pytest.raises(ValidationError) as caught:
        services.organization_create(
            actor=officer, data=org_data(name_ru="Другое", name_en="Other", name_zh_hans="")
        )

    assert list(caught.value.message_dict) == ["inn"]


@pytest.mark.parametrize("role", ["company", "partner"])
def test_organization_create_is_for_officers_only(user_for_role, role):
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=user_for_role(role), data=org_data())


def test_organization_update_keeps_its_own_name_and_checks_new_ones(officer):
    organization = services.organization_create(actor=officer, data=org_data())
    other = OrganizationFactory(name="Vostok Trade", name_en="Vostok Trade")

    services.organization_update(actor=officer, organization=organization, data=org_data(city="Уфа"))
    with pytest.raises(services.DuplicateError) as caught:
        services.organization_update(
            actor=officer, organization=organization, data=org_data(name_en="VOSTOK trade")
        )

    organization.refresh_from_db()
    assert organization.city == "Уфа"
    assert organization.name_en == "Romashka LLC"
    assert caught.value.existing == other


def test_organization_match_or_create_finds_any_language_and_ignores_case(officer):
    existing = services.organization_create(actor=officer, data=org_data())

    found = services.organization_match_or_create(name="romashka llc", country="RU", language="en")
    created = services.organization_match_or_create(name="Новая компания", country="ru", language="ru")

    assert found == existing
    assert (created.name_ru, created.name_en, created.country) == ("Новая компания", None, "RU")


def test_organization_match_or_create_names_in_the_given_language_whatever_is_active():
    with translation.override("en"):
        organization = services.organization_match_or_create(
            name="Сибирь Инвест", country="RU", language="ru"
        )

    organization.refresh_from_db()
    assert (organization.name_ru, organization.name_en) == ("Сибирь Инвест", None)


def test_person_create_normalizes_email_phone_and_languages(officer):
    organization = OrganizationFactory()

    person = services.person_create(
        actor=officer, data=person_data(), organization=organization, position="Директор"
    )

    person.refresh_from_db()
    assert (person.email, person.email_normalized, person.phone, person.languages) == (
        "Ivan.Ivanov@Example.RU",
        "ivan.ivanov@example.ru",
        "+79161234567",
        ["ru", "en"],
    )
    assert person.consent_to_contact is True
    assert person.consent_at is not None
    assert list(person.memberships.values_list("organization", "position")) == [(organization.pk, "Директор")]


def test_person_create_refuses_an_email_that_differs_only_in_case(officer):
    existing = services.person_create(actor=officer, data=person_data())

    with pytest.raises(services.DuplicateError) as caught:
        services.person_create(
            actor=officer, data=person_data(email="IVAN.IVANOV@example.ru", full_name="И. Иванов")
        )

    assert caught.value.existing == existing
    assert list(caught.value.message_dict) == ["email"]
    assert Person.objects.count() == 1


def test_person_update_withdrawing_consent_clears_its_time(officer):
    person = services.person_create(actor=officer, data=person_data())

    services.person_update(actor=officer, person=person, data=person_data(consent_to_contact=False))

    person.refresh_from_db()
    assert (person.consent_to_contact, person.consent_at, person.consent_source) == (False, None, "")


def test_person_update_refuses_another_persons_email(officer):
    services.person_create(actor=officer, data=person_data())
    other = services.person_create(
        actor=officer, data=person_data(email="other@example.ru", full_name="Петров")
    )

    with pytest.raises(services.DuplicateError):
        services.person_update(actor=officer, person=other, data=person_data(email="ivan.ivanov@EXAMPLE.ru"))


def test_person_match_or_create_reuses_the_person_and_adds_membership_and_consent():
    first = services.person_match_or_create(full_name="Анна Петрова", email="anna@example.ru")
    organization = OrganizationFactory()

    again = services.person_match_or_create(
        full_name="Anna Petrova",
        email=" ANNA@example.ru",
        organization=organization,
        position="CEO",
        consent=True,
        consent_source="registration",
    )

    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.full_name, again.consent_to_contact, again.consent_source) == (
        "Анна Петрова",
        True,
        "registration",
    )
    assert list(again.memberships.values_list("position", flat=True)) == ["CEO"]


def test_person_match_or_create_new_person_inside_a_transaction_costs_no_savepoint_of_its_own(
    django_assert_num_queries,
):
    organization = OrganizationFactory()
    advisory = ["ADVISORY LOCK"] if connection.vendor == "postgresql" else []
    # Only the insert that may collide gets a savepoint; a person inserted just now needs no membership look-up.
    expected = [
        *advisory,
        "SELECT directory_person",
        "SAVEPOINT",
        "INSERT directory_person",
        "RELEASE",
        "INSERT directory_membership",
    ]

    with django_assert_num_queries(len(expected)) as captured:
        person = services.person_match_or_create(
            full_name="Анна Петрова", email="Anna@example.ru", organization=organization, position="CEO"
        )

    assert statement_kinds(captured.captured_queries) == expected
    assert list(person.memberships.values_list("position", flat=True)) == ["CEO"]


def test_person_match_or_create_absent_inserts_without_a_look_up(django_assert_num_queries):
    advisory = ["ADVISORY LOCK"] if connection.vendor == "postgresql" else []

    with django_assert_num_queries(len(advisory) + 1) as captured:
        person = services.person_match_or_create(
            full_name="Анна Петрова", email="anna@example.ru", absent=True
        )

    assert statement_kinds(captured.captured_queries) == [*advisory, "INSERT directory_person"]
    assert Person.objects.get(email_normalized="anna@example.ru").pk == person.pk


def test_person_match_or_create_absent_but_known_raises_integrity_error():
    PersonFactory(email="anna@example.ru")

    with pytest.raises(IntegrityError), transaction.atomic():
        services.person_match_or_create(full_name="Анна Петрова", email="ANNA@example.ru", absent=True)

    assert Person.objects.filter(email_normalized="anna@example.ru").count() == 1


def test_person_match_or_create_insert_first_new_person_has_no_look_up(django_assert_num_queries):
    # No advisory lock either: the unique e-mail makes a concurrent insert of the same e-mail wait, then collide.
    expected = ["SAVEPOINT", "INSERT directory_person", "RELEASE"]

    with django_assert_num_queries(len(expected)) as captured:
        person = services.person_match_or_create(
            full_name="Анна Петрова", email="anna@example.ru", insert_first=True
        )

    assert statement_kinds(captured.captured_queries) == expected
    assert Person.objects.get(email_normalized="anna@example.ru").pk == person.pk


def test_person_match_or_create_insert_first_known_person_rolls_back_the_insert_only():
    known = PersonFactory(email="anna@example.ru", consent_to_contact=False)

    with transaction.atomic():
        person = services.person_match_or_create(
            full_name="Анна Петрова", email="ANNA@example.ru", insert_first=True, consent=True
        )

    known.refresh_from_db()
    assert (person.pk, known.consent_to_contact) == (known.pk, True)
    assert Person.objects.filter(email_normalized="anna@example.ru").count() == 1


def test_person_email_known_matches_normalized_and_skips_merged():
    target = PersonFactory(email="target@example.ru")
    PersonFactory(email="merged@example.ru", merged_into=target)

    assert services.person_email_known(email=" Target@Example.RU ") is True
    assert services.person_email_known(email="merged@example.ru") is False
    assert services.person_email_known(email="  ") is False


def test_person_match_or_create_requires_an_email():
    with pytest.raises(ValidationError):
        services.person_match_or_create(full_name="Без почты", email="  ")


def test_organization_merge_moves_members_users_and_fills_gaps(officer):
    target = OrganizationFactory(name="Romashka", name_en="Romashka", name_ru="", inn="")
    source = OrganizationFactory(
        name="ООО Ромашка", name_en="", name_ru="ООО «Ромашка»", inn="7707083893", city="Казань"
    )
    source.sectors.set(["C"])
    shared = PersonFactory()
    MembershipFactory(person=shared, organization=target, position="")
    MembershipFactory(person=shared, organization=source, position="Директор")
    only_source = MembershipFactory(organization=source, position="Инженер")
    user = UserFactory(organization=source)
    earlier = OrganizationFactory(merged_into=source)

    result = services.organization_merge(actor=officer, source=source, target=target)

    source.refresh_from_db()
    target.refresh_from_db()
    user.refresh_from_db()
    earlier.refresh_from_db()
    assert source.merged_into == target
    assert (target.inn, source.inn, target.city, target.name_ru) == (
        "7707083893",
        "",
        "Казань",
        "ООО «Ромашка»",
    )
    assert list(target.sectors.values_list("code", flat=True)) == ["C"]
    assert Membership.objects.get(person=shared).position == "Директор"
    assert Membership.objects.get(pk=only_source.pk).organization == target
    assert user.organization == target
    assert earlier.merged_into == target
    assert result.moved == {
        "directory.Membership.organization": 1,
        "accounts.User.organization": 1,
        "directory.Organization.merged_into": 1,
    }


def test_organization_merge_refuses_itself_and_already_merged_records(officer):
    organization = OrganizationFactory()
    merged = OrganizationFactory(merged_into=organization)

    with pytest.raises(ValidationError):
        services.organization_merge(actor=officer, source=organization, target=organization)
    with pytest.raises(ValidationError):
        services.organization_merge(actor=officer, source=merged, target=organization)


def test_organization_merge_is_for_officers_only(company_user):
    with pytest.raises(PermissionDenied):
        services.organization_merge(
            actor=company_user, source=OrganizationFactory(), target=OrganizationFactory()
        )


def test_person_merge_moves_memberships_and_user_and_frees_the_email(officer):
    target = PersonFactory(email="", email_normalized="", phone="", languages=["ru"])
    user = UserFactory()
    source = PersonFactory(email="Ivan@Example.ru", phone="+79161234567", languages=["en"], user=user)
    membership = MembershipFactory(person=source)

    result = services.person_merge(actor=officer, source=source, target=target)

    source.refresh_from_db()
    target.refresh_from_db()
    membership.refresh_from_db()
    assert source.merged_into == target
    assert (target.email_normalized, target.phone, target.languages) == (
        "ivan@example.ru",
        "+79161234567",
        ["ru", "en"],
    )
    assert target.user == user
    assert source.user is None
    assert membership.person == target
    assert result.moved == {"directory.Membership.person": 1, "directory.Person.user": 1}
    assert services.person_find_by_email(email="ivan@example.ru") == target


def test_person_link_user_refuses_a_user_that_has_a_person():
    user = UserFactory()
    PersonFactory(user=user)

    with pytest.raises(ValidationError):
        services.person_link_user(actor=None, person=PersonFactory(), user=user)


def test_move_related_keeps_rows_that_would_break_a_unique_constraint_on_the_merged_record():
    source, target = OrganizationFactory(), OrganizationFactory()
    person = PersonFactory()
    kept = MembershipFactory(person=person, organization=source)
    MembershipFactory(person=person, organization=target)
    moved = MembershipFactory(organization=source)
    result = services.MergeResult(target=target)

    services._move_related(source, target, result)

    kept.refresh_from_db()
    moved.refresh_from_db()
    assert (kept.organization, moved.organization) == (source, target)
    assert (result.moved, result.left) == (
        {"directory.Membership.organization": 1},
        {"directory.Membership.organization": 1},
    )
