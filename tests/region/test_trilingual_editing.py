"""Editing the region profile, dimensions, key figures and incentives in any interface language keeps each
language's texts exactly (web editors and the admin)."""

import pytest

from investbridge.region.models import Incentive, KeyFigure
from tests.factories.region import DimensionFactory, IncentiveFactory, KeyFigureFactory, RegionProfileFactory
from tests.trilingual import (
    INTERFACE_LANGUAGES,
    admin_form_data,
    columns,
    form_data,
    in_language,
    texts_for,
)

pytestmark = pytest.mark.integration

PROFILE = ("name", "tagline", "introduction")
DIMENSION = ("title", "summary", "body")
KEY_FIGURE = ("label", "unit", "source_name")
INCENTIVE = ("title", "summary", "body", "eligibility", "source_name")


def _save_shown_form(client, url: str, changes: dict[str, str] | None = None):
    data = form_data(client.get(url).context["form"])
    data.update(changes or {})
    return client.post(url, data)


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_edit_profile_in_any_interface_language_keeps_every_language(client_for, language):
    profile = RegionProfileFactory(**texts_for(PROFILE, "before"))

    response = _save_shown_form(client_for("officer"), f"/{language}/region/manage/profile/")

    assert response.status_code == 302
    assert columns(profile, PROFILE) == texts_for(PROFILE, "before")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_edit_dimension_in_any_interface_language_keeps_every_language(client_for, language):
    dimension = DimensionFactory(**texts_for(DIMENSION, "before"))
    url = f"/{language}/region/manage/dimensions/{dimension.pk}/"

    response = _save_shown_form(client_for("officer"), url, texts_for(("body",), "after"))

    assert response.status_code == 302
    assert columns(dimension, DIMENSION) == {
        **texts_for(DIMENSION, "before"),
        **texts_for(("body",), "after"),
    }


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_edit_key_figure_in_any_interface_language_keeps_every_language(client_for, language):
    figure = KeyFigureFactory(**texts_for(KEY_FIGURE, "before"))

    response = _save_shown_form(client_for("officer"), f"/{language}/region/manage/figures/{figure.pk}/")

    assert response.status_code == 302
    assert columns(figure, KEY_FIGURE) == texts_for(KEY_FIGURE, "before")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_create_key_figure_in_any_interface_language_keeps_every_language(client_for, language):
    dimension = DimensionFactory()
    url = f"/{language}/region/manage/dimensions/{dimension.pk}/figures/new/"
    changes = {**texts_for(KEY_FIGURE, "new"), "value": "12", "as_of": "2025-06-30", "order": "1"}

    response = _save_shown_form(client_for("officer"), url, changes)

    assert response.status_code == 302
    assert columns(KeyFigure.objects.get(dimension=dimension), KEY_FIGURE) == texts_for(KEY_FIGURE, "new")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_edit_incentive_in_any_interface_language_keeps_every_language(client_for, language):
    incentive = IncentiveFactory(**texts_for(INCENTIVE, "before"))

    response = _save_shown_form(
        client_for("officer"), f"/{language}/region/manage/incentives/{incentive.pk}/"
    )

    assert response.status_code == 302
    assert columns(incentive, INCENTIVE) == texts_for(INCENTIVE, "before")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
def test_create_incentive_in_any_interface_language_keeps_every_language(client_for, language):
    url = f"/{language}/region/manage/incentives/new/"
    changes = {**texts_for(INCENTIVE, "new"), "slug": "new-incentive", "order": "1"}

    response = _save_shown_form(client_for("officer"), url, changes)

    assert response.status_code == 302
    assert columns(Incentive.objects.get(slug="new-incentive"), INCENTIVE) == texts_for(INCENTIVE, "new")


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@pytest.mark.parametrize(
    ("factory", "model", "fields"),
    [
        (RegionProfileFactory, "regionprofile", PROFILE),
        (DimensionFactory, "dimension", DIMENSION),
        (IncentiveFactory, "incentive", INCENTIVE),
    ],
)
def test_admin_edit_in_any_interface_language_keeps_every_language(
    client, admin_user, language, factory, model, fields
):
    instance = factory(**texts_for(fields, "before"))
    client.force_login(admin_user)
    in_language(client, language)
    url = f"/admin/region/{model}/{instance.pk}/change/"

    response = client.post(url, admin_form_data(client.get(url)))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert columns(instance, fields) == texts_for(fields, "before")
