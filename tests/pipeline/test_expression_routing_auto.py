"""A new expression of interest becomes an inquiry without an officer: the pipeline's listener queues a task."""

import uuid

import pytest
from django.test import Client

from investbridge.directory.models import Sector
from investbridge.pipeline import services, tasks
from investbridge.pipeline.models import Inquiry
from investbridge.region import services as region_services
from investbridge.region.models import ExpressionOfInterest, InterestStatus

pytestmark = pytest.mark.integration


def _express(**overrides):
    data = {
        "submission_key": uuid.uuid4(),
        "name": "Наталья Белова",
        "email": "belova@parus.example.ru",
        "country": "RU",
        "language": "ru",
        "consent": True,
        "consent_source": "region page",
        "organization_name": "ООО «Белый парус»",
        "message": "Интересует туризм на Хайнане.",
        "sectors": [Sector.objects.get(code="I")],
        **overrides,
    }
    return region_services.expression_of_interest_create(**data)


def test_pipeline_listens_to_new_expressions_of_interest():
    assert tasks.queue_expression_of_interest_routing in region_services._created_listeners


def test_new_expression_of_interest_becomes_inquiry_on_commit(
    db, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        expression = _express()

    expression.refresh_from_db()
    inquiry = Inquiry.objects.get()
    assert expression.status == InterestStatus.ROUTED
    assert expression.routed_reference == f"pipeline inquiry {inquiry.pk}"
    assert (inquiry.channel, inquiry.source_reference, inquiry.company_name, inquiry.assigned_to) == (
        "expression_of_interest",
        str(expression.pk),
        "ООО «Белый парус»",
        officer,
    )
    assert list(inquiry.sectors.values_list("code", flat=True)) == ["I"]


def test_expression_of_interest_posted_on_the_region_page_becomes_inquiry(
    db, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/ru/region/interest/",
            {
                "submission_key": str(uuid.uuid4()),
                "name": "Иван Соколов",
                "email": "sokolov@example.org",
                "country": "RU",
                "language": "ru",
                "consent": "on",
            },
        )

    assert response.status_code == 302
    expression = ExpressionOfInterest.objects.get()
    assert expression.status == InterestStatus.ROUTED
    assert Inquiry.objects.get().source_reference == str(expression.pk)


def test_demo_expression_of_interest_is_not_routed_automatically(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        expression = _express(is_demo=True)

    expression.refresh_from_db()
    assert expression.status == InterestStatus.NEW
    assert Inquiry.objects.count() == 0


def test_route_task_twice_makes_one_inquiry(db, officer):
    expression = ExpressionOfInterest.objects.get(pk=_express().pk)  # committed without running the listener
    assert expression.status == InterestStatus.NEW

    first = tasks.route_expression_of_interest.call(expression.pk)
    second = tasks.route_expression_of_interest.call(expression.pk)

    assert first == Inquiry.objects.get().pk
    assert second is None
    assert services.expressions_of_interest_route(user=officer) == 0


def test_route_task_for_missing_expression_does_nothing(db):
    assert services.expression_of_interest_route(expression_id=999999) is None
    assert Inquiry.objects.count() == 0
