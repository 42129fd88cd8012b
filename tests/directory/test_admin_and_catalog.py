from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from investbridge.directory.models import Organization, Person
from tests.factories.directory import OrganizationFactory, PersonFactory

LOCALE = Path(__file__).resolve().parents[2] / "src" / "investbridge" / "directory" / "locale"


@pytest.mark.unit
@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_directory_catalog_is_fully_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle)

    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert untranslated == []
    assert len(catalog) > 200


@pytest.mark.integration
@pytest.mark.django_db
def test_admin_lists_and_saves_organizations_and_people_keeping_search_keys(client, admin_user):
    organization = OrganizationFactory(name="Old", name_en="Old")
    person = PersonFactory()
    client.force_login(admin_user)

    pages = [
        client.get("/admin/directory/organization/").status_code,
        client.get(f"/admin/directory/organization/{organization.pk}/change/").status_code,
        client.get("/admin/directory/person/").status_code,
    ]
    saved = client.post(
        f"/admin/directory/person/{person.pk}/change/",
        {
            "full_name": "Новое Имя",
            "email": "New@Example.ru",
            "languages": "[]",
            "preferred_language": "ru",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    person.refresh_from_db()
    assert pages == [200, 200, 200]
    assert saved.status_code == 302
    assert (person.email_normalized, person.search_text) == ("new@example.ru", "новое имя | new@example.ru")
    assert Organization.objects.get(pk=organization.pk).name_keys == "|old|"
    assert Person.objects.count() == 1
