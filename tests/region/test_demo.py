import io

import pytest

from investbridge.region import demo
from investbridge.region.models import Dimension, DimensionKind, ExpressionOfInterest, Incentive, KeyFigure

pytestmark = pytest.mark.integration

LANGUAGE_SUFFIXES = ("ru", "zh_hans", "en")


def _counts():
    return (
        Dimension.objects.count(),
        KeyFigure.objects.count(),
        Incentive.objects.count(),
        ExpressionOfInterest.objects.count(),
    )


def test_demo_load_is_idempotent(demo_region):
    first = _counts()
    updated = {figure.pk: figure.updated_at for figure in KeyFigure.objects.all()}

    demo.load(stdout=io.StringIO())

    assert first == (6, 16, 5, 3)
    assert _counts() == first
    assert {figure.pk: figure.updated_at for figure in KeyFigure.objects.all()} == updated


def test_demo_keeps_an_officers_edit(demo_region):
    Dimension.objects.filter(kind=DimensionKind.INFRASTRUCTURE).update(title_ru="Изменено сотрудником")

    demo.load(stdout=io.StringIO())

    assert Dimension.objects.get(kind=DimensionKind.INFRASTRUCTURE).title_ru == "Изменено сотрудником"


def test_demo_is_marked_and_complete_in_three_languages(demo_region):
    assert demo_region.is_demo is True
    assert sorted(Dimension.objects.values_list("kind", flat=True)) == sorted(DimensionKind.values)
    for dimension in Dimension.objects.all():
        for field in ("title", "summary", "body"):
            assert all(getattr(dimension, f"{field}_{suffix}") for suffix in LANGUAGE_SUFFIXES), (
                dimension,
                field,
            )
        assert dimension.key_figures.count() >= 2
    for figure in KeyFigure.objects.all():
        assert all(getattr(figure, f"label_{suffix}") for suffix in LANGUAGE_SUFFIXES)
        assert all(getattr(figure, f"unit_{suffix}") for suffix in LANGUAGE_SUFFIXES)
        assert all(getattr(figure, f"source_name_{suffix}") for suffix in LANGUAGE_SUFFIXES)
        assert figure.source_url.startswith("https://")
    for incentive in Incentive.objects.all():
        assert incentive.is_demo is True
        for field in ("title", "summary", "body", "eligibility", "source_name"):
            assert all(getattr(incentive, f"{field}_{suffix}") for suffix in LANGUAGE_SUFFIXES), (
                incentive,
                field,
            )


def test_demo_pages_show_the_demo_notice(client, demo_region):
    for url in ("/ru/", "/zh-hans/region/incentives/", "/en/region/dimensions/infrastructure/"):
        assert 'data-testid="demo-notice"' in client.get(url).content.decode(), url


def test_demo_expressions_send_no_mail(demo_region, mailoutbox):
    assert mailoutbox == []
    assert set(ExpressionOfInterest.objects.values_list("is_demo", flat=True)) == {True}
