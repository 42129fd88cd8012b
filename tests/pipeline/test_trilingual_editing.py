"""Set-up checklist templates keep each language's name and step titles exactly, whatever the interface language."""

import pytest

from investbridge.pipeline.models import SetupTemplate, SetupTemplateStep
from tests.trilingual import INTERFACE_LANGUAGES, admin_form_data, columns, in_language, texts_for

pytestmark = pytest.mark.integration


def _template(mark: str) -> SetupTemplate:
    template = SetupTemplate.objects.create(kind="wfoe", **texts_for(("name",), mark))
    SetupTemplateStep.objects.create(template=template, order=1, **texts_for(("title",), mark))
    return template


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_create_template_in_any_interface_language_keeps_every_language(client_for, language):
    data = {**texts_for(("name",), "new"), "kind": "wfoe"}

    response = client_for("officer").post(f"/{language}/pipeline/checklists/", data)

    assert response.status_code == 302
    assert columns(SetupTemplate.objects.get(), ("name",)) == texts_for(("name",), "new")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_add_template_step_in_any_interface_language_keeps_every_language(client_for, language):
    template = SetupTemplate.objects.create(kind="wfoe", name_ru="Шаблон")
    data = {**texts_for(("title",), "step"), "days": "5"}

    response = client_for("officer").post(f"/{language}/pipeline/checklists/{template.pk}/", data)

    assert response.status_code == 302
    assert columns(SetupTemplateStep.objects.get(template=template), ("title",)) == texts_for(
        ("title",), "step"
    )


def test_template_form_shows_the_three_languages_side_by_side(client_for):
    page = client_for("officer").get("/zh-hans/pipeline/checklists/").content.decode()

    assert 'data-translated="name"' in page


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_admin_edit_template_in_any_interface_language_keeps_every_language(client, admin_user, language):
    template = _template("before")
    client.force_login(admin_user)
    in_language(client, language)
    url = f"/admin/pipeline/setuptemplate/{template.pk}/change/"
    page = client.get(url)

    response = client.post(url, admin_form_data(page))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(template, ("name",)) == texts_for(("name",), "before")
    assert columns(template.steps.get(), ("title",)) == texts_for(("title",), "before")
    assert "name" not in page.context["adminform"].form.fields
