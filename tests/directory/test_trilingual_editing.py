"""Editing an organization in any interface language keeps each language's name and description exactly."""

import pytest

from investbridge.directory.models import Organization
from tests.factories.directory import OrganizationFactory
from tests.trilingual import (
    INTERFACE_LANGUAGES,
    admin_form_data,
    columns,
    form_data,
    in_language,
    texts_for,
)

pytestmark = pytest.mark.integration

TEXTS = ("name", "description")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_edit_organization_in_any_interface_language_keeps_every_language(client_for, language):
    organization = OrganizationFactory(**texts_for(TEXTS, "before"))
    client = client_for("officer")
    url = f"/{language}/directory/organizations/{organization.pk}/edit/"
    data = form_data(client.get(url).context["form"])
    data["city"] = "Хайкоу"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert columns(organization, TEXTS) == texts_for(TEXTS, "before")
    assert Organization.objects.get(pk=organization.pk).city == "Хайкоу"


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_create_organization_in_any_interface_language_keeps_every_language(client_for, language):
    client = client_for("officer")
    url = f"/{language}/directory/organizations/new/"
    data = {**texts_for(TEXTS, "new"), "kind": "company", "country": "CN"}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    created = Organization.objects.get(name_en="English name new")
    assert columns(created, TEXTS) == texts_for(TEXTS, "new")


def test_organization_form_shows_the_three_languages_side_by_side(client_for):
    organization = OrganizationFactory(**texts_for(TEXTS, "before"))

    page = client_for("officer").get(f"/zh-hans/directory/organizations/{organization.pk}/edit/")

    rows = page.context["form"].translated_rows()
    assert [row["name"] for row in rows] == ["name", "description"]
    assert [field.value() for field in rows[0]["fields"]] == list(texts_for(("name",), "before").values())
    assert [field.label for field in rows[0]["fields"]] == ["俄文", "中文", "英文"]


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_admin_edit_organization_in_any_interface_language_keeps_every_language(client, admin_user, language):
    organization = OrganizationFactory(**texts_for(TEXTS, "before"))
    client.force_login(admin_user)
    in_language(client, language)
    url = f"/admin/directory/organization/{organization.pk}/change/"

    response = client.post(url, admin_form_data(client.get(url)))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(organization, TEXTS) == texts_for(TEXTS, "before")
