"""Dates far from today (year 1, year 9999, periods of millennia) are refused with a clear 400, never a 500."""

import importlib
import inspect
import pkgutil
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.test import APIClient

import investbridge
from investbridge.core import dates
from tests.factories.agreements import AgreementFactory
from tests.factories.pipeline import LeadFactory

OUT_OF_RANGE = "Enter a date from 1900-01-01 to 2199-12-31."


@pytest.mark.unit
@pytest.mark.parametrize(
    "value",
    [
        date(1, 1, 1),
        date(1899, 12, 31),
        date(2200, 1, 1),
        date(9999, 12, 31),
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    ],
)
def test_validate_date_refuses_dates_outside_the_range(value):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        dates.validate_date(value)

    assert raised.value.code == "date_out_of_range"
    assert raised.value.messages == [OUT_OF_RANGE]


@pytest.mark.unit
@pytest.mark.parametrize("value", [dates.MIN_DATE, dates.MAX_DATE, date(2026, 12, 4), None])
def test_validate_date_accepts_the_range_and_its_ends(value):
    dates.validate_date(value)


@pytest.mark.unit
def test_validate_period_refuses_a_period_over_the_limit_in_russian():
    with translation.override("ru"), pytest.raises(ValidationError) as raised:
        dates.validate_period(date(1900, 1, 1), date(2101, 1, 1))

    assert raised.value.messages == ["Слишком длинный период: не больше 100 лет."]
    dates.validate_period(date(2000, 1, 1), date(2099, 12, 31))


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(investbridge.__path__, "investbridge."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


@pytest.mark.unit
def test_every_date_field_of_every_form_checks_the_range():
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and dates.validate_date not in field.validators
    ]

    assert len(_form_classes()) > 20
    assert unchecked == []


@pytest.mark.integration
@pytest.mark.parametrize(
    "query",
    [
        "date_from=0001-01-01&date_to=0001-12-31",
        "date_from=9999-01-01&date_to=9999-12-31",
        "date_from=1900-01-01&date_to=2199-12-31",
    ],
)
@pytest.mark.parametrize("page", ["", "export.xlsx", "export.pdf"])
def test_statistics_pages_refuse_far_dates_with_400_or_the_form(client_for, page, query):
    response = client_for("officer").get(f"/en/statistics/{page}?{query}")

    assert response.status_code == (200 if page == "" else 400)
    assert response.context["report"] is None
    assert response.context["form"].errors


@pytest.mark.integration
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=0001-01-01&to=2026-12-31", "from", "请输入 1900-01-01 至 2199-12-31 之间的日期。"),
        ("from=2026-01-01&to=9999-12-31", "to", "请输入 1900-01-01 至 2199-12-31 之间的日期。"),
        ("from=1900-01-01&to=2199-12-31", "to", "时间段过长：最多 100 年。"),
    ],
)
def test_statistics_api_refuses_far_dates_with_400_in_chinese(officer, query, field, message):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_authenticate(officer)

    response = client.get(f"/api/v1/statistics/report?{query}")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: [message]}


@pytest.mark.integration
@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_pipeline_report_refuses_a_far_month_with_400(client_for, month):
    response = client_for("officer").get(f"/en/pipeline/inquiries/report/?month={month}")

    assert response.status_code == 400
    assert response.context["form"].errors == {"month": [OUT_OF_RANGE]}


@pytest.mark.integration
@pytest.mark.parametrize("due", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_pipeline_task_with_a_far_due_date_is_refused(client_for, due):
    lead = LeadFactory()

    response = client_for("officer").post(
        f"/en/pipeline/leads/{lead.pk}/tasks/", {"title": "Call", "due_at": due}
    )

    assert response.status_code == 400
    assert response.context["task_form"].errors["due_at"] == [OUT_OF_RANGE]
    assert lead.tasks.count() == 0


@pytest.mark.integration
def test_agreement_obligation_with_a_far_due_date_is_refused(client_for):
    agreement = AgreementFactory()

    response = client_for("officer").post(
        f"/en/agreements/{agreement.pk}/obligations/new/", {"title": "Report", "due_on": "9999-12-31"}
    )

    assert response.status_code == 400
    assert OUT_OF_RANGE in response.content.decode()
    assert agreement.obligations.count() == 0
