import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from investbridge.directory.models import Membership, Organization, Person
from tests.conftest import ROLES
from tests.factories.directory import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

STAFF = {"officer", "admin"}


@pytest.fixture
def records(db):
    organization = OrganizationFactory(name="Ромашка", name_ru="Ромашка", name_en="Romashka", sectors=["C"])
    person = PersonFactory(full_name="Иванов Иван", email="ivan@example.ru")
    MembershipFactory(person=person, organization=organization, position="Директор")
    other_org = OrganizationFactory(name="Vostok", name_en="Vostok")
    other_person = PersonFactory(full_name="Петров Пётр")
    return {
        "organization": organization,
        "person": person,
        "other_org": other_org,
        "other_person": other_person,
    }


def page_urls(records):
    org = records["organization"].pk
    person = records["person"].pk
    return [
        "/en/directory/",
        "/en/directory/organizations/new/",
        f"/en/directory/organizations/{org}/",
        f"/en/directory/organizations/{org}/edit/",
        f"/en/directory/organizations/{org}/merge/",
        "/en/directory/people/",
        "/en/directory/people/new/",
        f"/en/directory/people/{person}/",
        f"/en/directory/people/{person}/edit/",
        f"/en/directory/people/{person}/merge/",
        "/en/directory/duplicates/",
        "/en/directory/import/",
        "/en/directory/import/template/organizations.csv",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_directory_pages_permission_matrix(client_for, records, role):
    client = client_for(role)
    expected = 200 if role in STAFF else (302 if role == "anonymous" else 403)

    statuses = {url: client.get(url).status_code for url in page_urls(records)}

    assert statuses == dict.fromkeys(page_urls(records), expected)


@pytest.mark.parametrize("role", ROLES)
def test_directory_post_endpoints_permission_matrix(client_for, records, role):
    client = client_for(role)
    membership = Membership.objects.get()
    expected = 302 if role in STAFF or role == "anonymous" else 403
    urls = [
        f"/en/directory/people/{records['other_person'].pk}/memberships/",
        f"/en/directory/memberships/{membership.pk}/remove/",
    ]

    statuses = [
        client.post(urls[0], {"organization": records["organization"].pk, "position": "CTO"}).status_code,
        client.post(urls[1]).status_code,
    ]

    assert statuses == [expected, expected]
    assert Membership.objects.filter(person=records["other_person"]).exists() == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_nav_link_and_dashboard_panel_only_for_officers(client_for, role):
    response = client_for(role).get("/en/dashboard/" if role != "anonymous" else "/en/")
    body = response.content.decode()

    assert ('href="/en/directory/"' in body) == (role in STAFF)
    assert ('data-testid="directory-panel"' in body) == (role in STAFF)


def test_organization_list_query_count_does_not_grow_with_rows(client_for, django_assert_num_queries):
    client = client_for("officer")
    for index in range(3):
        OrganizationFactory(sectors=["A", "C"], name=f"Org {index}")
    client.get("/en/directory/")  # warm the session and user caches
    with django_assert_num_queries(7):  # with the footer's office contacts
        client.get("/en/directory/")
    for index in range(30):
        MembershipFactory(organization=OrganizationFactory(sectors=["B"], name=f"More {index}"))
    with django_assert_num_queries(7):  # with the footer's office contacts
        response = client.get("/en/directory/")

    assert response.status_code == 200


def test_person_list_query_count_does_not_grow_with_rows(client_for, django_assert_num_queries):
    client = client_for("officer")
    MembershipFactory()
    client.get("/en/directory/people/")
    with django_assert_num_queries(7):  # with the footer's office contacts
        client.get("/en/directory/people/")
    for _index in range(30):
        MembershipFactory()
    with django_assert_num_queries(7):  # with the footer's office contacts
        response = client.get("/en/directory/people/")

    assert response.status_code == 200


def test_organization_list_search_is_case_insensitive_in_cyrillic_and_filters(client_for, records):
    client = client_for("officer")

    found = client.get("/en/directory/", {"q": "РОМАШ"}).context["page"].object_list
    by_sector = client.get("/en/directory/", {"sector": "C"}).context["page"].object_list
    by_kind = client.get("/en/directory/", {"kind": "bank"}).context["page"].object_list

    assert [o.pk for o in found] == [records["organization"].pk]
    assert [o.pk for o in by_sector] == [records["organization"].pk]
    assert [o.name for o in by_kind] == ["Partner Bank"]


def test_organization_list_answers_htmx_with_rows_only(client_for, records):
    response = client_for("officer").get("/en/directory/", {"q": "vostok"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()

    assert "<html" not in body
    assert "Vostok" in body
    assert "Romashka" not in body


def test_organization_list_shows_localized_country_and_isic_label(client_for, records):
    body = client_for("officer").get("/ru/directory/").content.decode()

    assert "Россия" in body
    assert "Обрабатывающая промышленность" in body


def test_organization_create_side_by_side_then_detail(client_for):
    client = client_for("officer")
    data = {
        "kind": "company",
        "name_ru": "ООО «Лотос»",
        "name_zh_hans": "莲花有限责任公司",
        "name_en": "Lotus LLC",
        "country": "RU",
        "sectors": ["C", "G"],
        "inn": "7707083893",
        "ogrn": "1027700132195",
    }

    response = client.post("/en/directory/organizations/new/", data)

    organization = Organization.objects.get(name_en="Lotus LLC")
    assert response.status_code == 302
    assert response["Location"] == f"/en/directory/organizations/{organization.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "莲花有限责任公司" in detail
    assert "Lotus LLC" in detail


def test_organization_create_offers_the_existing_one_and_accepts_confirmation(client_for, records):
    client = client_for("officer")
    data = {"kind": "company", "name_ru": "ромашка", "country": "RU"}

    first = client.post("/en/directory/organizations/new/", data)
    confirmed = client.post("/en/directory/organizations/new/", {**data, "confirm_duplicate": "on"})

    assert first.status_code == 200
    assert 'data-testid="duplicate-warning"' in first.content.decode()
    assert f'href="/en/directory/organizations/{records["organization"].pk}/"' in first.content.decode()
    assert confirmed.status_code == 302
    assert Organization.objects.filter(name_keys__contains="|ромашка|").count() == 2


def test_organization_create_with_bad_codes_shows_errors_not_500(client_for):
    response = client_for("officer").post(
        "/en/directory/organizations/new/",
        {"kind": "company", "name_en": "X", "country": "RU", "inn": "123", "uscc": "bad"},
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["inn", "uscc"]


def test_organization_edit_saves_changes(client_for, records):
    organization = records["organization"]
    response = client_for("officer").post(
        f"/en/directory/organizations/{organization.pk}/edit/",
        {"kind": "bank", "name_ru": "Ромашка", "name_en": "Romashka Bank", "country": "RU", "city": "Тверь"},
    )

    organization.refresh_from_db()
    assert response.status_code == 302
    assert (organization.kind, organization.name_en, organization.city) == ("bank", "Romashka Bank", "Тверь")


def test_person_create_and_duplicate_email(client_for, records):
    client = client_for("officer")
    data = {
        "full_name": "Сидорова Анна",
        "email": "anna@example.ru",
        "phone": "+7 916 123 45 67",
        "languages": "ru, zh",
        "preferred_language": "ru",
        "organization": records["organization"].pk,
        "position": "Менеджер",
        "consent_to_contact": "on",
    }

    created = client.post("/en/directory/people/new/", data)
    duplicate = client.post("/en/directory/people/new/", {**data, "email": "ANNA@example.ru"})

    person = Person.objects.get(email_normalized="anna@example.ru")
    assert created.status_code == 302
    assert (person.phone, person.languages) == ("+79161234567", ["ru", "zh"])
    assert duplicate.status_code == 200
    assert list(duplicate.context["form"].errors) == ["email"]


def test_person_edit_saves_changes(client_for, records):
    person = records["person"]
    response = client_for("officer").post(
        f"/en/directory/people/{person.pk}/edit/",
        {"full_name": "Иванов Иван Иванович", "email": "ivan@example.ru", "preferred_language": "zh-hans"},
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.full_name, person.preferred_language) == ("Иванов Иван Иванович", "zh-hans")


def test_organization_merge_page_merges(client_for, records):
    client = client_for("officer")
    source, target = records["other_org"], records["organization"]

    preview = client.get(f"/en/directory/organizations/{source.pk}/merge/", {"into": target.pk})
    response = client.post(
        f"/en/directory/organizations/{source.pk}/merge/", {"target": target.pk, "confirm": "on"}
    )

    source.refresh_from_db()
    assert preview.status_code == 200
    assert preview.context["target"] == target
    assert response.status_code == 302
    assert source.merged_into == target


def test_person_merge_without_confirmation_does_nothing(client_for, records):
    source, target = records["other_person"], records["person"]

    response = client_for("officer").post(f"/en/directory/people/{source.pk}/merge/", {"target": target.pk})

    source.refresh_from_db()
    assert response.status_code == 200
    assert source.merged_into is None


def test_duplicates_page_lists_candidates(client_for, records):
    twin = OrganizationFactory(name="ООО «РОМАШКА»", name_ru="ООО «РОМАШКА»", name_en="")

    response = client_for("officer").get("/en/directory/duplicates/")

    assert [[o.pk for o in group] for group in response.context["organization_groups"]] == [
        [records["organization"].pk, twin.pk]
    ]


def xlsx_file(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "people.xlsx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_import_page_imports_an_xlsx_file(client_for, records):
    upload = xlsx_file(
        [
            ["full_name", "email", "phone", "organization", "position", "consent"],
            ["Кузнецова Ольга", "olga@example.ru", "+79161234567", "Romashka", "Юрист", "да"],
        ]
    )

    response = client_for("officer").post("/en/directory/import/", {"kind": "people", "file": upload})

    assert response.status_code == 200
    assert response.context["result"].created == 1
    assert (
        Person.objects.get(email="olga@example.ru").memberships.get().organization == records["organization"]
    )


def test_import_page_shows_errors_and_imports_nothing(client_for, records):
    upload = SimpleUploadedFile("orgs.csv", b"name_en;country\nGood Ltd;RU\nBad Ltd;XX\n", "text/csv")

    response = client_for("officer").post("/ru/directory/import/", {"kind": "organizations", "file": upload})

    body = response.content.decode()
    assert response.status_code == 400
    assert [(e.line, e.column) for e in response.context["result"].errors] == [(3, "country")]
    assert 'data-testid="import-errors"' in body
    assert not Organization.objects.filter(name_en="Good Ltd").exists()


def test_import_page_refuses_other_file_types(client_for):
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4 fake", "application/pdf")

    response = client_for("officer").post("/en/directory/import/", {"kind": "people", "file": upload})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]


def test_import_template_has_the_columns(client_for):
    response = client_for("officer").get("/en/directory/import/template/people.csv")

    assert response.content.decode("utf-8-sig").strip() == (
        "full_name,name_latin,email,phone,country,languages,preferred_language,organization,position,"
        "consent,consent_source,consent_at"
    )
