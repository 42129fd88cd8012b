from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from investbridge.region.models import DimensionKind
from tests.factories.region import DimensionFactory, ExpressionOfInterestFactory, IncentiveFactory

pytestmark = pytest.mark.integration


def test_dimension_kind_is_unique_per_profile(db):
    first = DimensionFactory(kind=DimensionKind.INFRASTRUCTURE)

    with pytest.raises(IntegrityError), transaction.atomic():
        DimensionFactory(profile=first.profile, kind=DimensionKind.INFRASTRUCTURE)


def test_incentive_validity_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveFactory(valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1))


def test_expression_of_interest_with_consent_needs_its_time(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpressionOfInterestFactory(consent=True, consent_at=None)


def test_models_str_shows_the_content_in_the_active_language(db):
    dimension = DimensionFactory()
    expression = ExpressionOfInterestFactory(name="Анна", email="anna@example.org")

    assert str(expression) == "Анна <anna@example.org>"
    with translation.override("ru"):
        assert str(dimension) == "Инфраструктура"
    with translation.override("zh-hans"):
        assert str(dimension) == "基础设施"
